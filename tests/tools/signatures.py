#!/usr/bin/env python3
"""Makes the signed-form fixtures of tests/signatures.rs from one vanban form.

usage: python3 tests/tools/signatures.py FORM.pdf OUTDIR [--validate]

FORM.pdf is a vanban form (out/bieu-mau/<unit>.pdf), blank or filled. A blank
one is filled first with pypdf. A filled one must have dong1_tong_so (the
count the attacks raise, to 920 or by its first digit to 9) a plain number
below 920 and dong1_chua_cai empty, so that the forged rows stay consistent
and vanban imports them (a row whose numbers disagree is refused before any
signature is looked at).
Into OUTDIR (created, files in it replaced) go:

  root-ca.cer, root-ca.pem          the trusted root (RSA), DER and PEM
  root-ca-ec.cer, root-ca-ec.pem    the trusted root of the ECDSA P-256 chain
  other-root-ca.cer, .pem           an unrelated root nobody trusts
  filled.pdf                        the filled form every fixture is signed from
  <case>.pdf                        one file per case (below)
  manifest.json                     {"fixtures": [...]} one entry per case:
      file         the PDF's name in OUTDIR
      expected     vanban's status: valid, untrusted, invalid or changed (the
                   file's worst signature), what the summary's "Ký số" says
      signatures   the statuses of the file's signatures, in file order, each
                   {"status", "signer", "issuer"} (signer/issuer: the CN
                   vanban should name, or null where it cannot know it)
      pyhanko      what `pyhanko sign validate` makes of the file, as one of
                   the same four words (see PYHANKO below)
      divergence   why pyhanko and expected differ, or null when they agree
      description  what the case is

Both trusted roots must be given to the validator (vanban's trust list, e.g.
trust = ["ca/root-ca.cer", "ca/root-ca-ec.pem"]; pyHanko: --trust for each).

The cases (vanban's status; * where pyHanko's verdict differs, see the
manifest's "divergence"):
  valid-rsa, valid-ecdsa (PAdES), valid-openssl    valid
  untrusted-root (chain to other-root-ca)          untrusted
  expired-certificate, wrong-key-usage             untrusted
  digital-signature-only (no nonRepudiation)       valid *
  two-signers (a second signature, new field)      valid, valid
  sha1 (detached, SHA-1 digest)                    invalid *
  sha1-subfilter (/adbe.pkcs7.sha1, by OpenSSL)    invalid
  garbage-signature, swapped-certificate           invalid
  byte-changed (a count's digit, signed range)     invalid
  incremental-count (pypdf update of a count)      changed *
  byterange-gap, byterange-offset                  invalid
  byterange-overlap                                invalid *
  contents-zeros, contents-not-der                 invalid
  shadow-freetext, shadow-widget,
  shadow-hidden-field                              changed

Every key and certificate is made anew on each run (root CA -> issuing CA ->
signers, with cryptography); signatures are made by pyHanko's Python API, and
one by `openssl cms -sign` over the ByteRange pyHanko prepared. The run takes
a few seconds. With --validate, each fixture is then checked by the pyHanko
CLI (`pyhanko sign validate --pretty-print --trust root-ca.cer --trust
root-ca-ec.cer --trust-replace FILE`) and its key lines printed, with the
verdict read from them; the run fails if a verdict differs from "pyhanko".

PYHANKO: how pyHanko's verdict reads as vanban's statuses. The pretty-printed
report cannot tell a malformed /ByteRange from an illegal incremental update
(both read "Some modifications may be illegitimate, and they appear to be
incompatible with the current document modification policy."), nor an
untrusted certificate from a broken signature by its bottom line (both
"judged INVALID"), so the verdict is read from the machine-readable form
(`pyhanko sign validate --trust … FILE`, one line per signature,
FIELD:FINGERPRINT:STATUS), checked in this order:
  invalid    the CLI fails with no line for the signature ("Error: Generic
             processing error." for a /Contents that is not CMS), or STATUS
             is INVALID (not intact or not sound: pretty-printed "The
             signature is cryptographically unsound."), or it holds
             NONSTANDARD_COVERAGE (/ByteRange not [0 a b c] with the hole
             exactly /Contents; pretty-printed as an illegitimate change)
  changed    ILLEGAL_MODIFICATIONS (after EXTENDED_WITH_OTHER: an update
             after signing that is not signing or form filling)
  untrusted  INTACT:UNTRUSTED or INTACT:REVOKED (pretty: "The signer's
             certificate is untrusted."; the reason is only in pyHanko's
             WARNING on stderr: expiry, key usage, no path to a root, or
             "Encountered disallowed algorithm" for SHA-1)
  valid      INTACT:TRUSTED with UNTOUCHED (pretty: "The signature covers
             the entire file.") or EXTENDED_WITH_…,ACCEPTABLE_MODIFICATIONS
             (pretty: "All modifications relate to signing and form filling
             operations, and they appear to be compatible …"); pretty
             bottom line "The signature is judged VALID."
A file's verdict is that of its worst signature (invalid > changed >
untrusted > valid); a file with no signature line at all is invalid.

Needs Python 3.11, pyHanko (with cryptography and asn1crypto), pypdf and
openssl 3; no network.
"""

from __future__ import annotations

import argparse
import asyncio
import binascii
import datetime as dt
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import cms as asn1_cms
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

# The names the fixtures carry; tests/signatures.rs reads them from the manifest.
SIGNER = "Nguyễn Thị Ánh Tuyết"
OTHER_PERSON = "Trần Văn Cường"
STRANGER = "Phạm Văn Lạ"
ISSUING_RSA = "CA cấp 2 thử nghiệm vanban (RSA)"
ISSUING_EC = "CA cấp 2 thử nghiệm vanban (ECDSA P-256)"
ISSUING_OTHER = "CA cấp 2 không được tin cậy"
# The form field every unit signs, and the count the attacks change.
FIELD = "ChuKy_NguoiKy"
COUNT = "dong1_tong_so"
# What a blank form is filled with (as tests/import.rs's july_values).
FILL = {
    "so": "7", "ngay": "01", "thang": "8", "thang_bao_cao": "7", "nam_bao_cao": "2026",
    "nguoi_ky": SIGNER, "dong1_ten": "Tổ dân phố Đường Ngầm", "dong1_tong_so": "120",
    "dong1_da_cai": "97", "dong1_ly_do": "Đi biển",
}
# Left empty, so that vanban computes it and a forged total still makes a
# consistent row (a row whose numbers disagree is refused before any
# signature is looked at).
NOT_INSTALLED = "dong1_chua_cai"
FORGED_COUNT = "920"

NOW = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
DAY = dt.timedelta(days=1)


# --- Keys and certificates ----------------------------------------------------

@dataclass
class Identity:
    """A key and its certificate, with the chain above it (issuing CA, root)."""
    key: object
    cert: x509.Certificate
    chain: list  # issuing CA first, root last; empty for a root

    @property
    def cn(self) -> str:
        return self.cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value

    def asn1_cert(self) -> asn1_x509.Certificate:
        return asn1_x509.Certificate.load(self.cert.public_bytes(serialization.Encoding.DER))

    def asn1_key(self) -> asn1_keys.PrivateKeyInfo:
        return asn1_keys.PrivateKeyInfo.load(self.key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption()))


def name(cn: str) -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "vanban (thử nghiệm)"),
        x509.NameAttribute(NameOID.COMMON_NAME, cn),
    ])


def rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def ec_key():
    return ec.generate_private_key(ec.SECP256R1())


CA_USAGE = x509.KeyUsage(
    digital_signature=False, content_commitment=False, key_encipherment=False,
    data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
    encipher_only=False, decipher_only=False)


def signer_usage(*, digital_signature=True, content_commitment=True, key_encipherment=False):
    return x509.KeyUsage(
        digital_signature=digital_signature, content_commitment=content_commitment,
        key_encipherment=key_encipherment, data_encipherment=False, key_agreement=False,
        key_cert_sign=False, crl_sign=False, encipher_only=False, decipher_only=False)


def issue(cn: str, key, issuer: Identity | None, *, ca: bool,
          usage: x509.KeyUsage | None = None, not_before=None, not_after=None) -> Identity:
    """A certificate for `key` named `cn`, signed by `issuer` (itself when None)."""
    signing_key = issuer.key if issuer else key
    builder = (
        x509.CertificateBuilder()
        .subject_name(name(cn))
        .issuer_name(issuer.cert.subject if issuer else name(cn))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before or NOW - DAY)
        .not_valid_after(not_after or NOW + (3650 if ca else 365) * DAY)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(usage or (CA_USAGE if ca else signer_usage()), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(signing_key.public_key()),
                       critical=False)
    )
    cert = builder.sign(signing_key, hashes.SHA256())
    return Identity(key, cert, [issuer.cert] + issuer.chain if issuer else [])


@dataclass
class Pki:
    root: Identity
    issuing: Identity
    signer: Identity            # SIGNER, RSA, valid
    other_person: Identity      # OTHER_PERSON, same issuing CA, RSA
    expired: Identity           # SIGNER's key, certificate expired before signing
    encipherment_only: Identity  # SIGNER's key, keyUsage keyEncipherment only
    digital_signature_only: Identity  # SIGNER's key, keyUsage digitalSignature only
    root_ec: Identity
    issuing_ec: Identity
    signer_ec: Identity
    other_root: Identity
    other_issuing: Identity
    stranger: Identity          # STRANGER under the untrusted root


def make_pki() -> Pki:
    root = issue("CA gốc thử nghiệm vanban (RSA)", rsa_key(), None, ca=True)
    issuing = issue(ISSUING_RSA, rsa_key(), root, ca=True)
    key = rsa_key()
    signer = issue(SIGNER, key, issuing, ca=False)
    other_person = issue(OTHER_PERSON, rsa_key(), issuing, ca=False)
    expired = issue(SIGNER, key, issuing, ca=False, not_before=NOW - 400 * DAY, not_after=NOW - 30 * DAY)
    encipherment_only = issue(SIGNER, key, issuing, ca=False, usage=signer_usage(
        digital_signature=False, content_commitment=False, key_encipherment=True))
    digital_signature_only = issue(SIGNER, key, issuing, ca=False, usage=signer_usage(
        digital_signature=True, content_commitment=False))
    root_ec = issue("CA gốc thử nghiệm vanban (ECDSA P-256)", ec_key(), None, ca=True)
    issuing_ec = issue(ISSUING_EC, ec_key(), root_ec, ca=True)
    signer_ec = issue(SIGNER, ec_key(), issuing_ec, ca=False)
    other_root = issue("CA gốc không được tin cậy", rsa_key(), None, ca=True)
    other_issuing = issue(ISSUING_OTHER, rsa_key(), other_root, ca=True)
    stranger = issue(STRANGER, rsa_key(), other_issuing, ca=False)
    return Pki(root, issuing, signer, other_person, expired, encipherment_only,
               digital_signature_only, root_ec, issuing_ec, signer_ec, other_root,
               other_issuing, stranger)


def write_root(out: Path, stem: str, identity: Identity):
    (out / f"{stem}.cer").write_bytes(identity.cert.public_bytes(serialization.Encoding.DER))
    (out / f"{stem}.pem").write_bytes(identity.cert.public_bytes(serialization.Encoding.PEM))


# --- Filling and signing ------------------------------------------------------

def fill_if_blank(form: bytes) -> tuple[bytes, str]:
    """The form as given when its count is filled, else filled with FILL by
    pypdf; and the count's value."""
    from pypdf import PdfReader, PdfWriter
    reader = PdfReader(io.BytesIO(form))
    fields = reader.get_fields() or {}
    if FIELD not in fields or COUNT not in fields:
        sys.exit(f"not a vanban form: no field {FIELD} or {COUNT}")
    if fields[COUNT].get("/V"):
        if fields.get(NOT_INSTALLED, {}).get("/V"):
            sys.exit(f"{NOT_INSTALLED} must be left empty in a filled form: a forged {COUNT} would "
                     "make the row inconsistent and vanban would refuse it before looking at signatures")
        count = str(fields[COUNT]["/V"])
        if not count.isdigit() or int(FORGED_COUNT) < int(count) or int("9" + count[1:]) < int(count):
            sys.exit(f"{COUNT} must be a plain number below {FORGED_COUNT}, not {count!r}")
        return form, count
    writer = PdfWriter(clone_from=reader)
    for page in writer.pages:
        writer.update_page_form_field_values(page, FILL, auto_regenerate=False)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), FILL[COUNT]


def pyhanko_sign(pdf: bytes, who: Identity, *, md="sha256", field=FIELD, pades=False,
                 new_field_box=None) -> bytes:
    """Signs `field` of `pdf` (an incremental update) with pyHanko's API."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    signer = signers.SimpleSigner(
        signing_cert=who.asn1_cert(), signing_key=who.asn1_key(),
        cert_registry=SimpleCertificateStore.from_certs(
            [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in who.chain]))
    meta = signers.PdfSignatureMetadata(
        field_name=field, md_algorithm=md,
        subfilter=fields.SigSeedSubFilter.PADES if pades else fields.SigSeedSubFilter.ADOBE_PKCS7_DETACHED)
    spec = fields.SigFieldSpec(field, on_page=0, box=new_field_box) if new_field_box else None
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    out = signers.PdfSigner(meta, signer, new_field_spec=spec).sign_pdf(writer, existing_fields_only=spec is None)
    return out.getvalue()


def openssl_cms(data: bytes, who: Identity, tmp: Path, md="sha256", attached=False) -> bytes:
    """A CMS over `data` made by `openssl cms -sign`, the chain included:
    detached, or with `data` inside (`attached`)."""
    (tmp / "tbs.bin").write_bytes(data)
    (tmp / "signer.pem").write_bytes(who.cert.public_bytes(serialization.Encoding.PEM))
    (tmp / "key.pem").write_bytes(who.key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    (tmp / "chain.pem").write_bytes(b"".join(c.public_bytes(serialization.Encoding.PEM) for c in who.chain))
    subprocess.run(
        ["openssl", "cms", "-sign", "-binary", "-md", md, "-nosmimecap"] + (["-nodetach"] if attached else []) +
        ["-in", tmp / "tbs.bin", "-signer", tmp / "signer.pem", "-inkey", tmp / "key.pem",
         "-certfile", tmp / "chain.pem", "-outform", "DER", "-out", tmp / "cms.der"],
        check=True, capture_output=True)
    return (tmp / "cms.der").read_bytes()


def openssl_sign(pdf: bytes, who: Identity, tmp: Path, sha1_subfilter=False) -> bytes:
    """Signs FIELD with a CMS made by OpenSSL: pyHanko's interrupted signing
    lays out the signature dictionary and its placeholder, OpenSSL signs
    exactly the ByteRange's bytes, and pyHanko puts the CMS into /Contents.
    With `sha1_subfilter`, the dictionary's /SubFilter is made
    /adbe.pkcs7.sha1 (in place, padded) and the CMS holds the SHA-1 digest
    of the ByteRange's bytes, signed with SHA-1, as that legacy format wants."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.sign.signers.pdf_signer import PdfTBSDocument
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    external = signers.ExternalSigner(
        signing_cert=who.asn1_cert(),
        cert_registry=SimpleCertificateStore.from_certs(
            [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in who.chain]),
        signature_value=256)
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.ADOBE_PKCS7_DETACHED)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    prepared, _tbs, output = asyncio.run(signers.PdfSigner(meta, external).async_digest_doc_for_signing(
        writer, existing_fields_only=True, bytes_reserved=16384))
    laid_out = output.getvalue()
    start, end = prepared.reserved_region_start, prepared.reserved_region_end
    assert laid_out[start:start + 1] == b"<" and laid_out[end - 1:end] == b">"
    if sha1_subfilter:
        detached = b"/adbe.pkcs7.detached"
        # the signature dictionary: the object around /Contents
        begin, close = laid_out.rindex(b" obj", 0, start), laid_out.index(b"endobj", end)
        at = laid_out.index(detached, begin, close)
        legacy = b"/adbe.pkcs7.sha1".ljust(len(detached))
        laid_out = laid_out[:at] + legacy + laid_out[at + len(detached):]
        output.seek(at)
        output.write(legacy)
        der = openssl_cms(hashlib.sha1(laid_out[:start] + laid_out[end:]).digest(), who, tmp,
                          md="sha1", attached=True)
    else:
        der = openssl_cms(laid_out[:start] + laid_out[end:], who, tmp)
    PdfTBSDocument.finish_signing(output, prepared, der)
    return output.getvalue()


# --- Taking a signed file apart -----------------------------------------------

BYTE_RANGE = re.compile(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")


@dataclass
class Signed:
    """The last signature of a file: where its /ByteRange and /Contents are."""
    data: bytes
    brackets: tuple  # the span of "[...]" after /ByteRange, and the spaces after it
    ranges: tuple    # the four numbers
    contents: tuple  # the span of "<hex>"

    @classmethod
    def last(cls, data: bytes) -> "Signed":
        match = list(BYTE_RANGE.finditer(data))[-1]
        ranges = tuple(int(n) for n in match.groups())
        start, end = ranges[1], ranges[2]
        assert ranges[0] == 0 and data[start:start + 1] == b"<" and data[end - 1:end] == b">", ranges
        bracket = data.index(b"[", match.start())
        # pyHanko pads the numbers it writes later with spaces after "]"
        padded = match.end()
        while data[padded:padded + 1] == b" ":
            padded += 1
        return cls(data, (bracket, padded), ranges, (start, end))

    def cms(self) -> asn1_cms.ContentInfo:
        start, end = self.contents
        return asn1_cms.ContentInfo.load(binascii.unhexlify(self.data[start + 1:end - 1]), strict=False)

    def with_contents(self, der: bytes, data: bytes | None = None) -> bytes:
        """`data` (this file by default) with `der` hex-encoded, zero-padded, in /Contents."""
        data = bytearray(self.data if data is None else data)
        start, end = self.contents
        hexed = binascii.hexlify(der).upper()
        room = end - start - 2
        assert len(hexed) <= room, "the CMS does not fit"
        data[start + 1:end - 1] = hexed + b"0" * (room - len(hexed))
        return bytes(data)

    def with_byte_range(self, ranges) -> bytes:
        """This file with /ByteRange's numbers replaced in place, same length."""
        start, end = self.brackets
        text = ("[" + " ".join(str(n) for n in ranges) + "]").encode()
        assert len(text) <= end - start, "the new ByteRange does not fit"
        data = bytearray(self.data)
        data[start:end] = text + b" " * (end - start - len(text))
        return bytes(data)


def designated(data: bytes, ranges) -> bytes:
    """The bytes a /ByteRange designates."""
    return b"".join(data[ranges[i]:ranges[i] + ranges[i + 1]] for i in (0, 2))


def field_value_offset(data: bytes, value: str) -> int:
    """Where the string `value` of field COUNT stands in the file (its first
    digit): the /V of the field's object, found through pypdf."""
    from pypdf import PdfReader
    reader = PdfReader(io.BytesIO(data))
    ref = next(r for r in reader.trailer["/Root"]["/AcroForm"]["/Fields"] if r.get_object().get("/T") == COUNT)
    begin = re.search(rb"(?<![0-9])%d 0 obj" % ref.idnum, data).start()
    end = data.index(b"endobj", begin)
    found = re.compile(rb"/V\s*\(" + re.escape(value.encode()) + rb"\)").search(data, begin, end)
    assert found, f"no /V ({value}) in the dictionary of {COUNT}"
    return found.end() - len(value) - 1


# --- Incremental updates after signing ----------------------------------------

def pypdf_change_count(data: bytes) -> bytes:
    """An incremental update by pypdf that changes COUNT's /V and redraws it."""
    from pypdf import PdfReader, PdfWriter
    writer = PdfWriter(PdfReader(io.BytesIO(data)), incremental=True)
    writer.update_page_form_field_values(writer.pages[0], {COUNT: FORGED_COUNT}, auto_regenerate=False)
    out = io.BytesIO()
    writer.write(out)
    result = out.getvalue()
    assert result.startswith(data), "pypdf rewrote the file instead of appending to it"
    return result


def shadow(data: bytes, kind: str) -> bytes:
    """An incremental update by pyHanko's writer that adds, over the signed count,
    a FreeText annotation ("freetext") or a new text field's widget ("widget")
    showing FORGED_COUNT; or ("hidden") a second, hidden field named COUNT
    holding FORGED_COUNT."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    acroform_ref = w.root.raw_get("/AcroForm")
    acroform = w.root["/AcroForm"]
    count_ref = next(r for r in acroform["/Fields"] if r.get_object().get("/T") == COUNT)
    count = count_ref.get_object()
    page_ref = count.raw_get("/P") if "/P" in count else w.root["/Pages"].raw_get("/Kids")[0]
    page = page_ref.get_object()
    rect = [float(v) for v in count["/Rect"]]
    width, height = rect[2] - rect[0], rect[3] - rect[1]

    def appearance():
        body = (f"q 1 g 0 0 {width:.2f} {height:.2f} re f Q "
                f"BT /Helv 10 Tf 0 g 2 {max(height / 2 - 3.5, 1):.2f} Td ({FORGED_COUNT}) Tj ET").encode()
        font = generic.DictionaryObject({
            generic.NameObject("/Type"): generic.NameObject("/Font"),
            generic.NameObject("/Subtype"): generic.NameObject("/Type1"),
            generic.NameObject("/BaseFont"): generic.NameObject("/Helvetica"),
        })
        stream = generic.StreamObject({
            generic.NameObject("/Type"): generic.NameObject("/XObject"),
            generic.NameObject("/Subtype"): generic.NameObject("/Form"),
            generic.NameObject("/BBox"): generic.ArrayObject(
                [generic.FloatObject(0), generic.FloatObject(0), generic.FloatObject(width), generic.FloatObject(height)]),
            generic.NameObject("/Resources"): generic.DictionaryObject({
                generic.NameObject("/Font"): generic.DictionaryObject({generic.NameObject("/Helv"): font})}),
        }, stream_data=body)
        return generic.DictionaryObject({generic.NameObject("/N"): w.add_object(stream)})

    rect_obj = generic.ArrayObject([generic.FloatObject(v) for v in rect])
    if kind == "freetext":
        annotation = generic.DictionaryObject({
            generic.NameObject("/Type"): generic.NameObject("/Annot"),
            generic.NameObject("/Subtype"): generic.NameObject("/FreeText"),
            generic.NameObject("/Rect"): rect_obj,
            generic.NameObject("/Contents"): generic.pdf_string(FORGED_COUNT),
            generic.NameObject("/DA"): generic.pdf_string("/Helv 10 Tf 0 g"),
            generic.NameObject("/F"): generic.NumberObject(4),
            generic.NameObject("/P"): page_ref,
            generic.NameObject("/AP"): appearance(),
        })
        new_field = False
    else:
        hidden = kind == "hidden"
        annotation = generic.DictionaryObject({
            generic.NameObject("/Type"): generic.NameObject("/Annot"),
            generic.NameObject("/Subtype"): generic.NameObject("/Widget"),
            generic.NameObject("/FT"): generic.NameObject("/Tx"),
            generic.NameObject("/T"): generic.pdf_string(COUNT if hidden else "ghi_chu"),
            generic.NameObject("/V"): generic.pdf_string(FORGED_COUNT),
            generic.NameObject("/DA"): generic.pdf_string("/Helv 10 Tf 0 g"),
            generic.NameObject("/Rect"): generic.ArrayObject([generic.FloatObject(0)] * 4) if hidden else rect_obj,
            generic.NameObject("/F"): generic.NumberObject(2 if hidden else 4),
            generic.NameObject("/P"): page_ref,
        })
        if not hidden:
            annotation[generic.NameObject("/AP")] = appearance()
        new_field = True
    ref = w.add_object(annotation)

    annots = page.raw_get("/Annots")
    if isinstance(annots, generic.IndirectObject):
        annots.get_object().append(ref)
        w.mark_update(annots)
    else:
        page["/Annots"].append(ref)
        w.mark_update(page_ref)
    if new_field:
        fields = acroform.raw_get("/Fields")
        if isinstance(fields, generic.IndirectObject):
            fields.get_object().append(ref)
            w.mark_update(fields)
        else:
            acroform["/Fields"].append(ref)
            if isinstance(acroform_ref, generic.IndirectObject):
                w.mark_update(acroform_ref)
            else:
                w.update_root()
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


# --- The cases ----------------------------------------------------------------

@dataclass
class Fixture:
    file: str
    data: bytes
    expected: str
    signatures: list
    description: str
    pyhanko: str | None = None
    divergence: str | None = None


def sig(status, signer, issuer):
    return {"status": status, "signer": signer, "issuer": issuer}


def make_fixtures(filled: bytes, count: str, pki: Pki, tmp: Path) -> list[Fixture]:
    fixtures = []

    def add(file, data, expected, signatures, description, pyhanko=None, divergence=None):
        fixtures.append(Fixture(file, data, expected, signatures, description, pyhanko or expected, divergence))

    valid_rsa = pyhanko_sign(filled, pki.signer)
    add("valid-rsa.pdf", valid_rsa, "valid", [sig("valid", SIGNER, ISSUING_RSA)],
        "RSA 2048, SHA-256, adbe.pkcs7.detached, signed by pyHanko; chain to the trusted root")
    add("valid-ecdsa.pdf", pyhanko_sign(filled, pki.signer_ec, pades=True), "valid",
        [sig("valid", SIGNER, ISSUING_EC)],
        "ECDSA P-256, SHA-256, ETSI.CAdES.detached (PAdES), signed by pyHanko; chain to the trusted EC root")
    valid_openssl = openssl_sign(filled, pki.signer, tmp)
    add("valid-openssl.pdf", valid_openssl, "valid", [sig("valid", SIGNER, ISSUING_RSA)],
        "RSA 2048, SHA-256, the CMS made by `openssl cms -sign -binary` over the ByteRange pyHanko laid out")
    add("untrusted-root.pdf", pyhanko_sign(filled, pki.stranger), "untrusted",
        [sig("untrusted", STRANGER, ISSUING_OTHER)],
        "sound signature whose chain ends at a root not in the trust list")
    add("expired-certificate.pdf", pyhanko_sign(filled, pki.expired), "untrusted",
        [sig("untrusted", SIGNER, ISSUING_RSA)],
        "sound signature, trusted chain, but the signer's certificate expired 30 days before signing")
    add("wrong-key-usage.pdf", pyhanko_sign(filled, pki.encipherment_only), "untrusted",
        [sig("untrusted", SIGNER, ISSUING_RSA)],
        "sound signature, trusted chain, signer's certificate with keyUsage keyEncipherment only")
    add("digital-signature-only.pdf", pyhanko_sign(filled, pki.digital_signature_only), "valid",
        [sig("valid", SIGNER, ISSUING_RSA)],
        "trusted chain, signer's certificate with keyUsage digitalSignature only (no nonRepudiation)",
        pyhanko="untrusted",
        divergence="pyHanko's default key-usage policy requires nonRepudiation (INTACT:UNTRUSTED, "
                   "WARNING 'The active key usage policy requires at least one of the key usage "
                   "extensions non repudiation to be present.'); RFC 5280 and Adobe accept "
                   "digitalSignature for a document signature")
    second = pyhanko_sign(valid_rsa, pki.other_person, field="ChuKy_LanhDao",
                          new_field_box=(60, 40, 260, 90))
    add("two-signers.pdf", second, "valid",
        [sig("valid", SIGNER, ISSUING_RSA), sig("valid", OTHER_PERSON, ISSUING_RSA)],
        "signed by the unit's head, then by a second person on a new signature field "
        "added in the second signature's own update; both trusted")
    add("sha1.pdf", pyhanko_sign(filled, pki.signer, md="sha1"), "invalid",
        [sig("invalid", None, None)],
        "RSA with a SHA-1 digest, adbe.pkcs7.detached (pyHanko cannot make adbe.pkcs7.sha1)",
        pyhanko="untrusted",
        divergence="pyHanko finds a SHA-1 signature intact and sound and reports the weak "
                   "algorithm as a trust problem: INTACT:UNTRUSTED, 'The signer's certificate is "
                   "untrusted.', the reason only in a WARNING ('Encountered disallowed algorithm')")

    add("sha1-subfilter.pdf", openssl_sign(filled, pki.signer, tmp, sha1_subfilter=True), "invalid",
        [sig("invalid", None, None)],
        "the legacy /SubFilter /adbe.pkcs7.sha1: the CMS (by OpenSSL, SHA-1 with RSA) holds the "
        "SHA-1 digest of the ByteRange's bytes (pyHanko ignores such a signature: a WARNING "
        "'unsupported SubFilter', no line, exit 0)")

    # Attacks on valid-rsa.pdf (or valid-openssl.pdf, whose CMS has no ESS
    # signing-certificate attribute binding the certificate).
    base = Signed.last(valid_rsa)
    info = base.cms()
    signer_info = info["content"]["signer_infos"][0]
    signer_info["signature"] = os.urandom(len(signer_info["signature"].native))
    add("garbage-signature.pdf", base.with_contents(info.dump(force=True)), "invalid",
        [sig("invalid", None, None)],
        "the signerInfo's signature value replaced by random bytes of the same length")

    opened = Signed.last(valid_openssl)
    info = opened.cms()
    signed_data = info["content"]
    other = pki.other_person.asn1_cert()
    signed_data["certificates"] = [
        asn1_cms.CertificateChoices(name="certificate", value=other)
        if c.chosen.subject == pki.signer.asn1_cert().subject and c.chosen.serial_number == pki.signer.cert.serial_number
        else c for c in signed_data["certificates"]]
    signed_data["signer_infos"][0]["sid"] = asn1_cms.SignerIdentifier(
        name="issuer_and_serial_number",
        value=asn1_cms.IssuerAndSerialNumber({"issuer": other.issuer, "serial_number": other.serial_number}))
    add("swapped-certificate.pdf", opened.with_contents(info.dump(force=True)), "invalid",
        [sig("invalid", None, None)],
        f"valid-openssl.pdf with the signer's certificate replaced by {OTHER_PERSON}'s "
        "(same issuing CA) and the signerInfo pointed at it")

    at = field_value_offset(valid_rsa, count)
    assert base.ranges[0] <= at < base.ranges[1], "the count's value is not in the first signed range"
    changed = bytearray(valid_rsa)
    changed[at] = ord("9") if changed[at] != ord("9") else ord("8")
    add("byte-changed.pdf", bytes(changed), "invalid", [sig("invalid", None, None)],
        f"one byte changed inside the signed range: the first digit of {COUNT}'s /V")
    add("incremental-count.pdf", pypdf_change_count(valid_rsa), "changed",
        [sig("changed", SIGNER, ISSUING_RSA)],
        f"an incremental update by pypdf after signing that sets {COUNT}'s /V to {FORGED_COUNT} "
        "and redraws it",
        pyhanko="valid",
        divergence="pyHanko's diff policy calls a field's new value 'form filling', allowed after "
                   "an approval signature with no DocMDP and no /Lock: TRUSTED,"
                   "EXTENDED_WITH_FORM_FILLING,ACCEPTABLE_MODIFICATIONS and 'judged VALID'; for "
                   "vanban a signed count changed after signing is a changed report")

    # ByteRange shapes: the numbers edited in place (same byte length), then
    # the CMS made anew by the trusted signer over exactly what the edited
    # range designates, so that only the range's shape is wrong.
    a, b, c, d = base.ranges[1], base.ranges[2], base.ranges[3], len(valid_rsa)
    shapes = {
        "byterange-gap.pdf": ([0, a, b + 40, c - 40],
                              "a gap: the 40 bytes after /Contents are left out of the signed range"),
        "byterange-overlap.pdf": ([0, a, 16, c],
                                  "an overlap: the second range starts at byte 16, inside the first, "
                                  "and the bytes after /Contents are not signed"),
        "byterange-offset.pdf": ([16, a - 16, b, c],
                                 "not starting at 0: the file's first 16 bytes are left out"),
    }
    for file, (ranges, what) in shapes.items():
        edited = base.with_byte_range(ranges)
        resigned = Signed(edited, base.brackets, tuple(ranges), base.contents)
        der = openssl_cms(designated(edited, ranges), pki.signer, tmp)
        overlap = file == "byterange-overlap.pdf"
        add(file, resigned.with_contents(der), "invalid", [sig("invalid", None, None)],
            f"/ByteRange {ranges}: {what}; the signature is made anew over exactly those bytes",
            pyhanko="valid" if overlap else None,
            divergence="pyHanko 0.38 judges it VALID, 'The signature covers the entire file.' "
                       "(UNTOUCHED): its coverage check compares only the file's size with "
                       "len1 + len2 + the /Contents string, never where the second range starts"
                       if overlap else None)
    add("contents-zeros.pdf", base.with_contents(b""), "invalid", [sig("invalid", None, None)],
        "/Contents all zeros (an empty signature value)")
    add("contents-not-der.pdf", base.with_contents(b"\x30\x82\xff\xff" + b"khong phai DER " * 8 + os.urandom(64)),
        "invalid", [sig("invalid", None, None)],
        "/Contents holding bytes that are not DER (a SEQUENCE header claiming 65535 bytes, then text)")

    add("shadow-freetext.pdf", shadow(valid_rsa, "freetext"), "changed",
        [sig("changed", SIGNER, ISSUING_RSA)],
        f"shadow attack: an incremental update adding a FreeText annotation drawn over {COUNT}, "
        f"white, showing {FORGED_COUNT}")
    add("shadow-widget.pdf", shadow(valid_rsa, "widget"), "changed",
        [sig("changed", SIGNER, ISSUING_RSA)],
        f"shadow attack: an incremental update adding a new text field whose widget lies over "
        f"{COUNT}, white, showing {FORGED_COUNT}")
    add("shadow-hidden-field.pdf", shadow(valid_rsa, "hidden"), "changed",
        [sig("changed", SIGNER, ISSUING_RSA)],
        f"shadow attack: an incremental update adding a second, hidden field also named {COUNT} "
        f"with /V ({FORGED_COUNT})")
    return fixtures


# --- pyHanko's verdict ----------------------------------------------------------

ORDER = ["valid", "untrusted", "changed", "invalid"]


def pyhanko_cli(pdf: Path, roots: list[Path], pretty: bool) -> tuple[str, int, str]:
    """`pyhanko sign validate` of `pdf` with `roots` as the only trust roots:
    (stdout, exit status, stderr)."""
    command = ["pyhanko", "sign", "validate"] + (["--pretty-print"] if pretty else [])
    for root in roots:
        command += ["--trust", str(root)]
    command += ["--trust-replace", str(pdf)]
    run = subprocess.run(command, capture_output=True, text=True)
    return run.stdout, run.returncode, run.stderr


def pyhanko_verdicts(summary: str) -> list[str]:
    """The status of each signature in pyHanko's machine-readable output (see PYHANKO)."""
    verdicts = []
    for line in summary.splitlines():
        parts = line.split(":", 2)
        if len(parts) < 3:
            continue
        status = parts[2].split(",")
        if status[0] == "INVALID" or "NONSTANDARD_COVERAGE" in status:
            verdicts.append("invalid")
        elif "ILLEGAL_MODIFICATIONS" in status:
            verdicts.append("changed")
        elif status[0] in ("INTACT:UNTRUSTED", "INTACT:REVOKED"):
            verdicts.append("untrusted")
        elif status[0] == "INTACT:TRUSTED":
            verdicts.append("valid")
        else:
            verdicts.append("unknown: " + parts[2])
    return verdicts


def file_verdict(verdicts: list[str]) -> str:
    if not verdicts:
        return "invalid"
    unknown = [v for v in verdicts if v not in ORDER]
    return unknown[0] if unknown else max(verdicts, key=ORDER.index)


KEY_LINES = re.compile(
    r"^(Field \d+:.*|The signer's certificate is .*|The signature (?:is|covers|does not) .*|The digest algorithm .*|"
    r"Some modifications .*|All modifications .*|Incremental update .*|An error occurred.*)$", re.M)


def validate(out: Path, fixtures: list[dict], roots: list[Path]) -> bool:
    """Prints pyHanko's key lines on every fixture; whether every verdict is
    the one the manifest records."""
    def one(entry):
        pdf = out / entry["file"]
        return entry, pyhanko_cli(pdf, roots, pretty=False), pyhanko_cli(pdf, roots, pretty=True)

    ok = True
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for entry, (summary, status, _), (pretty, _, stderr) in pool.map(one, fixtures):
            verdict = file_verdict(pyhanko_verdicts(summary))
            agree = verdict == entry["pyhanko"]
            ok &= agree
            print(f"== {entry['file']}: vanban {entry['expected']}, pyHanko {verdict}"
                  f"{'' if agree else ' (THE MANIFEST SAYS ' + entry['pyhanko'] + ')'}; exit {status}")
            for line in summary.splitlines():
                print("   " + line.split(":", 2)[0] + ": " + line.split(":", 2)[-1])
            for line in KEY_LINES.findall(pretty):
                print("   " + line)
            for line in stderr.splitlines():
                if " - WARNING - " in line or " - ERROR - " in line or line.startswith("Error:"):
                    print("   stderr: " + re.sub(r"^[0-9-]+ [0-9:,]+ - ", "", line)[:240])
            if entry["divergence"]:
                print("   divergence: " + entry["divergence"])
    return ok


# --- main -----------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(
        description="\n\n".join(p for p in __doc__.split("\n\n") if not p.startswith("usage:")),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        usage="python3 tests/tools/signatures.py FORM.pdf OUTDIR [--validate]")
    parser.add_argument("form", type=Path, help="a vanban form (out/bieu-mau/<unit>.pdf), blank or filled")
    parser.add_argument("out", type=Path, help="the folder to write the fixtures into")
    parser.add_argument("--validate", action="store_true",
                        help="check every fixture with the pyHanko CLI and print its key lines")
    args = parser.parse_args()

    started = time.monotonic()
    args.out.mkdir(parents=True, exist_ok=True)
    filled, count = fill_if_blank(args.form.read_bytes())
    (args.out / "filled.pdf").write_bytes(filled)
    pki = make_pki()
    write_root(args.out, "root-ca", pki.root)
    write_root(args.out, "root-ca-ec", pki.root_ec)
    write_root(args.out, "other-root-ca", pki.other_root)
    with tempfile.TemporaryDirectory(prefix="vanban-signatures-") as tmp:
        fixtures = make_fixtures(filled, count, pki, Path(tmp))
    entries = []
    for f in fixtures:
        (args.out / f.file).write_bytes(f.data)
        entries.append({"file": f.file, "expected": f.expected, "signatures": f.signatures,
                        "pyhanko": f.pyhanko, "divergence": f.divergence, "description": f.description})
    manifest = {
        "trust": ["root-ca.cer", "root-ca-ec.cer"],
        "untrusted_root": "other-root-ca.cer",
        "signer": SIGNER,
        "forged_count": FORGED_COUNT,
        "fixtures": entries,
    }
    (args.out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                            encoding="utf-8")
    print(f"{len(entries)} fixtures in {args.out} ({time.monotonic() - started:.1f} s)", file=sys.stderr)
    if args.validate:
        roots = [args.out / "root-ca.cer", args.out / "root-ca-ec.cer"]
        if not validate(args.out, entries, roots):
            print("pyHanko's verdict differs from the manifest", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

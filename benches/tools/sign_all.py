"""Signs every PDF in a folder, in place, in the field ChuKy_NguoiKy, with
one key: the import benchmark's returned forms, signed as unit heads sign
them (pyHanko, adbe.pkcs7.detached, SHA-256).

usage: python3 benches/tools/sign_all.py FOLDER KEY.pem CERT.pem
"""

import io
import sys
from pathlib import Path

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers


def main() -> None:
    folder, key, cert = sys.argv[1:4]
    signer = signers.SimpleSigner.load(key, cert)
    meta = signers.PdfSignatureMetadata(field_name="ChuKy_NguoiKy", md_algorithm="sha256")
    pdf_signer = signers.PdfSigner(meta, signer)
    for path in sorted(Path(folder).glob("*.pdf")):
        writer = IncrementalPdfFileWriter(io.BytesIO(path.read_bytes()), strict=False)
        path.write_bytes(pdf_signer.sign_pdf(writer, existing_fields_only=True).getvalue())


if __name__ == "__main__":
    main()

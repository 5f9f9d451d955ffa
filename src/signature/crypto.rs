//! The arithmetic of a signature: the hashes and public-key schemes PDF
//! signing tools use (RSA PKCS#1 v1.5 and PSS, ECDSA on P-256 and P-384;
//! SHA-1, -256, -384, -512), all through RustCrypto.

use rsa::pkcs1::RsaPssParams;
use rsa::pkcs8::DecodePublicKey;
use sha2::Digest;
use x509_cert::der::asn1::ObjectIdentifier;
use x509_cert::der::{Any, Encode};
use x509_cert::spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};

const fn oid(text: &str) -> ObjectIdentifier {
    ObjectIdentifier::new_unwrap(text)
}

const SHA1: ObjectIdentifier = oid("1.3.14.3.2.26");
const SHA256: ObjectIdentifier = oid("2.16.840.1.101.3.4.2.1");
const SHA384: ObjectIdentifier = oid("2.16.840.1.101.3.4.2.2");
const SHA512: ObjectIdentifier = oid("2.16.840.1.101.3.4.2.3");
const RSA: ObjectIdentifier = oid("1.2.840.113549.1.1.1");
const RSA_SHA1: ObjectIdentifier = oid("1.2.840.113549.1.1.5");
const RSA_PSS: ObjectIdentifier = oid("1.2.840.113549.1.1.10");
const RSA_SHA256: ObjectIdentifier = oid("1.2.840.113549.1.1.11");
const RSA_SHA384: ObjectIdentifier = oid("1.2.840.113549.1.1.12");
const RSA_SHA512: ObjectIdentifier = oid("1.2.840.113549.1.1.13");
const EC_PUBLIC_KEY: ObjectIdentifier = oid("1.2.840.10045.2.1");
const ECDSA_SHA1: ObjectIdentifier = oid("1.2.840.10045.4.1");
const ECDSA_SHA256: ObjectIdentifier = oid("1.2.840.10045.4.3.2");
const ECDSA_SHA384: ObjectIdentifier = oid("1.2.840.10045.4.3.3");
const ECDSA_SHA512: ObjectIdentifier = oid("1.2.840.10045.4.3.4");
const P256: ObjectIdentifier = oid("1.2.840.10045.3.1.7");
const P384: ObjectIdentifier = oid("1.3.132.0.34");

/// A hash function a signature names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hash {
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    pub fn from_oid(oid: &ObjectIdentifier) -> Option<Self> {
        Some(match *oid {
            SHA1 => Self::Sha1,
            SHA256 => Self::Sha256,
            SHA384 => Self::Sha384,
            SHA512 => Self::Sha512,
            _ => return None,
        })
    }

    /// The hash of the pieces, one after the other.
    pub fn digest(self, pieces: &[&[u8]]) -> Vec<u8> {
        fn run<D: Digest>(pieces: &[&[u8]]) -> Vec<u8> {
            let mut hasher = D::new();
            pieces.iter().for_each(|p| hasher.update(p));
            hasher.finalize().to_vec()
        }
        match self {
            Self::Sha1 => run::<sha1::Sha1>(pieces),
            Self::Sha256 => run::<sha2::Sha256>(pieces),
            Self::Sha384 => run::<sha2::Sha384>(pieces),
            Self::Sha512 => run::<sha2::Sha512>(pieces),
        }
    }
}

/// How the signature value is made from the hash.
enum Scheme {
    Pkcs1,
    Pss { salt: usize },
    Ecdsa,
}

/// The scheme and hash an algorithm identifier names; `hash` is the one
/// the signer declared apart, for identifiers that name no hash
/// (rsaEncryption as CMS allows it).
fn scheme(algorithm: &AlgorithmIdentifierOwned, hash: Option<Hash>) -> Result<(Scheme, Hash), String> {
    let unnamed = || hash.ok_or_else(|| unsupported(&algorithm.oid));
    Ok(match algorithm.oid {
        RSA => (Scheme::Pkcs1, unnamed()?),
        RSA_SHA1 => (Scheme::Pkcs1, Hash::Sha1),
        RSA_SHA256 => (Scheme::Pkcs1, Hash::Sha256),
        RSA_SHA384 => (Scheme::Pkcs1, Hash::Sha384),
        RSA_SHA512 => (Scheme::Pkcs1, Hash::Sha512),
        RSA_PSS => {
            let params = algorithm.parameters.as_ref().ok_or_else(|| unsupported(&algorithm.oid))?;
            let params: RsaPssParams<Any> = params.decode_as().map_err(|_| unsupported(&algorithm.oid))?;
            let hash = Hash::from_oid(&params.hash.oid).ok_or_else(|| unsupported(&params.hash.oid))?;
            // MGF1 over the same hash is the only mask RSA-PSS signers use.
            let mask_hash = params.mask_gen.parameters.as_ref().map(|p| p.oid);
            if mask_hash.and_then(|o| Hash::from_oid(&o)) != Some(hash) {
                return Err(unsupported(&params.mask_gen.oid));
            }
            (Scheme::Pss { salt: usize::from(params.salt_len) }, hash)
        }
        EC_PUBLIC_KEY => (Scheme::Ecdsa, unnamed()?),
        ECDSA_SHA1 => (Scheme::Ecdsa, Hash::Sha1),
        ECDSA_SHA256 => (Scheme::Ecdsa, Hash::Sha256),
        ECDSA_SHA384 => (Scheme::Ecdsa, Hash::Sha384),
        ECDSA_SHA512 => (Scheme::Ecdsa, Hash::Sha512),
        _ => return Err(unsupported(&algorithm.oid)),
    })
}

fn unsupported(oid: &ObjectIdentifier) -> String {
    format!("thuật toán {oid} chưa được hỗ trợ")
}

/// Whether `signature` over `message` was made with the private half of
/// `key` by `algorithm`: Ok with the hash used, or why not.
pub fn verify(
    key: &SubjectPublicKeyInfoOwned,
    algorithm: &AlgorithmIdentifierOwned,
    hash: Option<Hash>,
    message: &[u8],
    signature: &[u8],
) -> Result<Hash, String> {
    let (scheme, hash) = scheme(algorithm, hash)?;
    let hashed = hash.digest(&[message]);
    let wrong = || "giá trị chữ ký không khớp với khóa công khai của chứng thư".to_owned();
    match scheme {
        Scheme::Pkcs1 | Scheme::Pss { .. } => {
            if key.algorithm.oid != RSA {
                return Err(wrong());
            }
            let der = key.to_der().map_err(|_| wrong())?;
            let key = rsa::PublicKey::from_public_key_der(&der).map_err(|_| "khóa RSA của chứng thư không đọc được".to_owned())?;
            let checked = match hash {
                Hash::Sha1 => rsa_verify::<sha1::Sha1>(&key, &scheme, &hashed, signature),
                Hash::Sha256 => rsa_verify::<sha2::Sha256>(&key, &scheme, &hashed, signature),
                Hash::Sha384 => rsa_verify::<sha2::Sha384>(&key, &scheme, &hashed, signature),
                Hash::Sha512 => rsa_verify::<sha2::Sha512>(&key, &scheme, &hashed, signature),
            };
            checked.map_err(|_| wrong())?;
        }
        Scheme::Ecdsa => {
            use p256::ecdsa::signature::hazmat::PrehashVerifier;
            let curve = key.algorithm.parameters.as_ref().and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
            let point = key.subject_public_key.raw_bytes();
            let checked = match (key.algorithm.oid, curve) {
                (EC_PUBLIC_KEY, Some(P256)) => p256::ecdsa::VerifyingKey::from_sec1_bytes(point)
                    .and_then(|k| k.verify_prehash(&hashed, &p256::ecdsa::DerSignature::from_bytes(signature)?)),
                (EC_PUBLIC_KEY, Some(P384)) => p384::ecdsa::VerifyingKey::from_sec1_bytes(point)
                    .and_then(|k| k.verify_prehash(&hashed, &p384::ecdsa::DerSignature::from_bytes(signature)?)),
                (EC_PUBLIC_KEY, Some(other)) => return Err(unsupported(&other)),
                _ => return Err(wrong()),
            };
            checked.map_err(|_| wrong())?;
        }
    }
    Ok(hash)
}

fn rsa_verify<D>(key: &rsa::PublicKey, scheme: &Scheme, hashed: &[u8], signature: &[u8]) -> rsa::Result<()>
where
    D: Digest + x509_cert::der::oid::AssociatedOid + sha2::digest::FixedOutputReset,
{
    match *scheme {
        Scheme::Pss { salt } => key.verify(rsa::pss::Pss::<D>::new_with_salt(salt), hashed, signature),
        _ => key.verify(rsa::Pkcs1v15Sign::new::<D>(), hashed, signature),
    }
}

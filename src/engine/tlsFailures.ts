// A TLS handshake that failed, said in words: which side refused, and what in the user's certificate folder is the
// cause. The engine's alert is the same "bad certificate" whether our client certificate is missing, expired or from
// a CA it does not trust, so the material we sent is examined here to tell them apart.
import { X509Certificate } from 'crypto';
import type { TlsMaterial } from './engineAddress';

const NOT_SIGNED_BY_CA = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
]);

/** True for the codes Node gives a failed TLS handshake, from either side. */
export function isTlsFailureCode(code: string | undefined): code is string {
  return Boolean(code && (NOT_SIGNED_BY_CA.has(code) || /CERT|TLS|SSL|EPROTO/.test(code)));
}

export function explainTlsFailure(code: string, tls: TlsMaterial | undefined, host: string): string {
  const where = tls?.dir ? ` in ${tls.dir}` : '';
  if (NOT_SIGNED_BY_CA.has(code))
    return `TLS: the engine's certificate is not signed by the CA given (ca.pem${where}), so it is not trusted (${code})`;
  if (code === 'CERT_HAS_EXPIRED') return `TLS: the engine's certificate has expired (${code})`;
  if (code === 'CERT_NOT_YET_VALID') return `TLS: the engine's certificate is not valid yet: check the clocks (${code})`;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return `TLS: the engine's certificate is not issued for ${host} (${code})`;
  if (/ALERT_(BAD_CERTIFICATE|CERTIFICATE_REQUIRED|UNKNOWN_CA|CERTIFICATE_EXPIRED|CERTIFICATE_UNKNOWN|HANDSHAKE_FAILURE)/.test(code))
    return clientCertificateRefused(code, tls, where);
  return `TLS failure (${code}): check the CA, client certificate and key${where}`;
}

function clientCertificateRefused(code: string, tls: TlsMaterial | undefined, where: string): string {
  if (!tls?.cert || !tls.key)
    return `TLS: the engine requires a client certificate, and none was given (cert.pem and key.pem${where}) (${code})`;
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(tls.cert);
  } catch (err) {
    return `TLS: the client certificate (cert.pem${where}) cannot be read: ${(err as Error).message} (${code})`;
  }
  const now = Date.now();
  if (Date.parse(certificate.validTo) < now)
    return `TLS: the engine refused the client certificate (cert.pem${where}): it expired on ${certificate.validTo} (${code})`;
  if (Date.parse(certificate.validFrom) > now)
    return `TLS: the engine refused the client certificate (cert.pem${where}): it is valid only from ${certificate.validFrom} (${code})`;
  return `TLS: the engine refused the client certificate (cert.pem${where}): it is not signed by a CA the engine trusts (issuer ${certificate.issuer.replace(/\n/g, ', ')}) (${code})`;
}

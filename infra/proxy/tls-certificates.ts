// Certificate metadata for TLS Secrets: the proxy empties every Secret value, so it reads the certificate itself
// (`tls.crt`, node:crypto) and passes on only its dates, subject and issuer as annotations — never key material.
import { X509Certificate } from 'node:crypto';
import { TLS_SECRET_TYPE, tlsAnnotations } from '../../lib/health/tls.ts';

interface SecretLike {
  kind?: string;
  type?: string;
  metadata?: { annotations?: Record<string, string> };
  data?: Record<string, string>;
}

/** The leaf certificate's metadata (the first PEM block of `tls.crt`), or undefined when it does not parse. */
export function certificateMetadata(
  base64Crt: string,
): { notAfter: string; subject: string; issuer: string } | undefined {
  try {
    const pem = Buffer.from(base64Crt, 'base64').toString('utf8');
    const certificate = new X509Certificate(pem);
    const oneLine = (name: string) => name.split('\n').filter(Boolean).join(', ');
    return {
      notAfter: new Date(certificate.validTo).toISOString(),
      subject: oneLine(certificate.subject),
      issuer: oneLine(certificate.issuer),
    };
  } catch {
    // Not a certificate the proxy can read: the Secret passes on without the annotations.
    return undefined;
  }
}

function annotate(secret: SecretLike): void {
  if (secret.type !== TLS_SECRET_TYPE) return;
  const crt = secret.data?.['tls.crt'];
  const metadata = crt ? certificateMetadata(crt) : undefined;
  if (!metadata) return;
  secret.metadata ??= {};
  secret.metadata.annotations = {
    ...secret.metadata.annotations,
    [tlsAnnotations.notAfter]: metadata.notAfter,
    [tlsAnnotations.subject]: metadata.subject,
    [tlsAnnotations.issuer]: metadata.issuer,
  };
}

/**
 * Adds the certificate annotations to a Secret or a SecretList answer, in place, before redaction empties the
 * values (`tls.key` is never read).
 */
export function annotateTlsSecrets(document: unknown): void {
  if (!document || typeof document !== 'object') return;
  const value = document as SecretLike & { items?: unknown[] };
  if (Array.isArray(value.items)) {
    for (const item of value.items) if (item && typeof item === 'object') annotate(item as SecretLike);
    return;
  }
  annotate(value);
}

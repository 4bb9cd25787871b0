// The certificate metadata the proxy adds to a `kubernetes.io/tls` Secret it returns (its values emptied): enough to
// warn before a certificate expires, and never any key material. The proxy writes these, the digest reads them.
export const TLS_SECRET_TYPE = 'kubernetes.io/tls';

export const tlsAnnotations = {
  /** The certificate's notAfter, ISO 8601. */
  notAfter: 'kube-responder.dev/tls-not-after',
  /** `CN=shop.example.com`. */
  subject: 'kube-responder.dev/tls-subject',
  issuer: 'kube-responder.dev/tls-issuer',
} as const;

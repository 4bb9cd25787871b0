// `X-Line-Retry-Key` for a push: a name-based (version 5) UUID of the message's identity, so every delivery of
// the same job sends the same key and LINE accepts the push once (a second one is its 409).

/** The namespace of kube-responder's LINE pushes (a fixed random UUID; it only has to never change). */
const NAMESPACE = 'b3e1f0a2-6c4d-4f7e-9a85-2d1c0e7b9f43';

const hexBytes = (hex: string) =>
  Uint8Array.from(hex.match(/../g) ?? [], (byte) => Number.parseInt(byte, 16));

/** RFC 9562 UUIDv5: SHA-1 of namespace + name, with the version and variant bits set. */
export async function retryKey(identity: string): Promise<string> {
  const name = new TextEncoder().encode(identity);
  const namespace = hexBytes(NAMESPACE.replace(/-/g, ''));
  const input = new Uint8Array(namespace.length + name.length);
  input.set(namespace);
  input.set(name, namespace.length);
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-1', input)).slice(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

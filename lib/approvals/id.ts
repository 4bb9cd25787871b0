// Approval ids: 128 random bits, base64url, so a button's value cannot be guessed from another one.

const ID_BYTES = 16;

export function newApprovalId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(ID_BYTES));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

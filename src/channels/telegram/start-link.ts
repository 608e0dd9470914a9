// The t.me link that opens a bot and sends it `/start <payload>`: what the printed QR codes hold.
export function startLink(username: string, payload: string): string {
  return `https://t.me/${username}?start=${encodeURIComponent(payload)}`;
}

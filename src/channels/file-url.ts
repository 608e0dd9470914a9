// Where a stored report file is served: Zalo fetches pictures by address, the web chat links to them.
/** The public address of a stored report file, as the server serves it. */
export function fileUrl(publicUrl: string, fileId: string): string {
  return `${publicUrl.replace(/\/$/, "")}/files/${fileId}`;
}

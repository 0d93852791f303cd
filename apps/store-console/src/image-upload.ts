// Sends a picture's bytes to the signed upload link the API gave (`menuImage.uploadLink`): the
// filesystem store's own route on this origin, or S3's presigned URL. Refusals come back as a sentence.
export interface SignedUploadLink {
  url: string;
  method: "PUT";
  headers: Record<string, string>;
}

export async function putUpload(link: SignedUploadLink, file: Blob): Promise<void> {
  const res = await fetch(link.url, { method: link.method, headers: link.headers, body: file });
  if (res.ok) return;
  let message = `The upload failed (HTTP ${res.status}); try again.`;
  try {
    const body = (await res.json()) as { message?: string };
    if (body.message) message = body.message;
  } catch {
    // Not JSON (S3 answers XML): keep the general sentence.
  }
  throw new Error(message);
}

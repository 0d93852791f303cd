// A help request's photo: read with the staff's token (an <img> cannot send it), shown from a blob URL.
// A photo deleted after the retention period (or otherwise unavailable) shows the server's sentence.
import { useSession } from "@pizza/ui";
import { useEffect, useState } from "react";

export function HelpPhoto({ photoId }: { photoId: string }) {
  const token = useSession().session?.accessToken;
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    let revoked = false;
    let objectUrl: string | null = null;
    void fetch(`/help/photos/${photoId}`, { headers: token ? { authorization: `Bearer ${token}` } : {} })
      .then(async (res) => {
        if (!res.ok) {
          const body = (await res.json().catch(() => ({}))) as { message?: string };
          throw new Error(body.message ?? "The photo could not be loaded.");
        }
        objectUrl = URL.createObjectURL(await res.blob());
        if (!revoked) setUrl(objectUrl);
      })
      .catch((error: unknown) =>
        setFailed(
          error instanceof Error && !(error instanceof TypeError)
            ? error.message
            : "The photo could not be loaded.",
        ),
      );
    return () => {
      revoked = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [photoId, token]);
  if (failed) return <p className="muted">{failed}</p>;
  if (!url) return <p className="muted">Loading the photo…</p>;
  return <img className="help-card__photo" src={url} alt="What the customer sent about the problem" />;
}

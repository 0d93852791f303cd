// A help request's photo: read with the staff's token (an <img> cannot send it), shown from a blob URL.
import { useSession } from "@pizza/ui";
import { useEffect, useState } from "react";

export function HelpPhoto({ photoId }: { photoId: string }) {
  const token = useSession().session?.accessToken;
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let revoked = false;
    let objectUrl: string | null = null;
    void fetch(`/help/photos/${photoId}`, { headers: token ? { authorization: `Bearer ${token}` } : {} })
      .then(async (res) => {
        if (!res.ok) throw new Error(String(res.status));
        objectUrl = URL.createObjectURL(await res.blob());
        if (!revoked) setUrl(objectUrl);
      })
      .catch(() => setFailed(true));
    return () => {
      revoked = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [photoId, token]);
  if (failed) return <p className="muted">The photo could not be loaded.</p>;
  if (!url) return <p className="muted">Loading the photo…</p>;
  return <img className="help-card__photo" src={url} alt="What the customer sent about the problem" />;
}

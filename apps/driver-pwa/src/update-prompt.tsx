import { useRegisterSW } from "virtual:pwa-register/react";

/**
 * The service worker precaches the app shell and waits ("prompt"): a new version is only activated when
 * the driver says so, never in the middle of a delivery. Also says once when the app works offline.
 */
export function UpdatePrompt() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisterError(error) {
      console.warn("service worker registration failed", error);
    },
  });

  if (!needRefresh && !offlineReady) return null;
  return (
    <div className="toast" role="alert" data-testid="pwa-toast">
      <p>{needRefresh ? "A new version of the driver app is ready." : "The app is ready to work offline."}</p>
      <div className="row">
        {needRefresh ? (
          <button
            type="button"
            className="button button--primary button--small"
            onClick={() => updateServiceWorker(true)}
          >
            Update now
          </button>
        ) : null}
        <button
          type="button"
          className="button button--small"
          onClick={() => {
            setNeedRefresh(false);
            setOfflineReady(false);
          }}
        >
          {needRefresh ? "Later" : "OK"}
        </button>
      </div>
    </div>
  );
}

// A delivery that no retry can help (the push subscription is gone, the message is refused as malformed,
// an offer expired before it could be shown): a `DeliveryError` with `retryable: false`, so the sender
// marks the row failed at once instead of backing off (`isPermanentFailure`).
import { DeliveryError } from "./notifier.ts";

export class PermanentDeliveryError extends DeliveryError {
  constructor(message: string) {
    super(message, false);
    this.name = "PermanentDeliveryError";
  }
}

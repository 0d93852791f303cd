// A delivery that no retry can help (the push subscription is gone, the message is refused as malformed,
// an offer expired before it could be shown): the sender marks the row failed at once instead of backing off.
export class PermanentDeliveryError extends Error {
  override readonly name = "PermanentDeliveryError";
}

// What the Stripe stand-in's routes answer with (stripe-stand-in.ts sends it): a status and Stripe's JSON,
// and the refusals Stripe words the same way for every kind of object.

export type Reply = { status: number; body: unknown };

/** Stripe's 404 for an id it does not know. */
export function missing(kind: string, id: string): Reply {
  return {
    status: 404,
    body: {
      error: { type: "invalid_request_error", code: "resource_missing", message: `No such ${kind}: '${id}'` },
    },
  };
}

/** Stripe's 400 for a request its parameters do not allow. */
export function invalid(message: string): Reply {
  return { status: 400, body: { error: { type: "invalid_request_error", message } } };
}

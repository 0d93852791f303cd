/**
 * A small stand-in for Stripe.js (https://js.stripe.com/…/stripe.js), for end-to-end tests that cannot
 * reach Stripe: served by Playwright's `page.route("https://js.stripe.com/**")`. It answers the calls the
 * customer app makes in Stripe's "finalize payments on the server" flow — `Stripe(pk)`,
 * `elements({ mode, amount, currency, paymentMethodCreation: "manual" })`, `create("payment").mount()`,
 * `elements.submit()`, `createPaymentMethod({ elements })`, `handleNextAction({ clientSecret })` — and
 * talks, with the publishable key, to the local Stripe API stand-in (`StripeStandIn`, the same one the
 * server's Stripe SDK uses), as real Stripe.js talks to api.stripe.com.
 *
 * The "Payment Element" is plain labelled inputs (real Stripe renders an iframe); 3-D Secure is a
 * dialog with Complete / Fail buttons, like Stripe's test authentication page.
 */
export function stripeJsStandIn(apiBase: string): string {
  return `(() => {
  const API = ${JSON.stringify(apiBase)};
  const form = (data, prefix = "") =>
    Object.entries(data).flatMap(([k, v]) =>
      v !== null && typeof v === "object"
        ? form(v, prefix ? prefix + "[" + k + "]" : k)
        : [[prefix ? prefix + "[" + k + "]" : k, String(v)]],
    );
  function Stripe(key) {
    if (!/^pk_/.test(String(key))) throw new Error("Stripe stand-in: a publishable key starts with pk_");
    const call = async (method, path, data) => {
      const body = new URLSearchParams(form(data));
      const res = await fetch(API + path + (method === "GET" ? "?" + body : ""), {
        method,
        headers: { Authorization: "Bearer " + key, "Content-Type": "application/x-www-form-urlencoded" },
        ...(method === "GET" ? {} : { body }),
      });
      const json = await res.json();
      return res.ok ? { ok: json } : { error: json.error };
    };
    let mounted = null;
    const stripe = {
      _registerWrapper() {},
      registerAppInfo() {},
      elements(options) {
        const elements = {
          options,
          update(next) { Object.assign(elements.options, next); },
          getElement() { return mounted; },
          create(type) {
            if (type !== "payment") throw new Error("Stripe stand-in: only the payment element");
            const handlers = {};
            const emit = (event, payload) => (handlers[event] || []).forEach((h) => h(payload));
            let root = null;
            const element = {
              mount(target) {
                const node = typeof target === "string" ? document.querySelector(target) : target;
                root = document.createElement("div");
                root.setAttribute("data-testid", "stripe-payment-element");
                root.innerHTML =
                  '<label>Card number<input name="sp-number" autocomplete="cc-number" inputmode="numeric"></label>' +
                  '<label>Expiration date<input name="sp-exp" value="12 / 34"></label>' +
                  '<label>Security code<input name="sp-cvc" value="123"></label>';
                // Styled through the CSSOM: the page's CSP refuses inline style attributes, as it should.
                root.querySelectorAll("label, input").forEach((el) => { el.style.display = "block"; });
                root.querySelectorAll("input").forEach((el) => { el.style.width = "100%"; });
                root.addEventListener("input", () => {
                  const n = root.querySelector('[name="sp-number"]').value.replace(/\\D/g, "");
                  emit("change", { elementType: "payment", empty: n === "", complete: n.length >= 15, value: { type: "card" } });
                });
                node.appendChild(root);
                mounted = element;
                setTimeout(() => emit("ready", { elementType: "payment" }), 0);
              },
              on(event, handler) { (handlers[event] ||= []).push(handler); return element; },
              off(event, handler) { handlers[event] = (handlers[event] || []).filter((h) => h !== handler); return element; },
              update() {},
              focus() { root && root.querySelector("input").focus(); },
              destroy() { root && root.remove(); root = null; if (mounted === element) mounted = null; },
              _values() {
                return {
                  number: root.querySelector('[name="sp-number"]').value.replace(/\\D/g, ""),
                  exp: root.querySelector('[name="sp-exp"]').value,
                  cvc: root.querySelector('[name="sp-cvc"]').value,
                };
              },
            };
            return element;
          },
          async submit() {
            if (!mounted) return { error: { type: "validation_error", message: "The payment form is not ready." } };
            const v = mounted._values();
            if (v.number.length < 15) return { error: { type: "validation_error", message: "Your card number is incomplete." } };
            return {};
          },
        };
        return elements;
      },
      async createPaymentMethod(options) {
        const element = options && options.elements && options.elements.getElement("payment");
        if (!element) return { error: { type: "invalid_request_error", message: "createPaymentMethod needs elements." } };
        const v = element._values();
        const [month, year] = v.exp.split("/").map((x) => x.trim());
        const r = await call("POST", "/v1/payment_methods", {
          type: "card",
          card: { number: v.number, exp_month: month, exp_year: year, cvc: v.cvc },
        });
        return r.error ? { error: r.error } : { paymentMethod: r.ok };
      },
      async handleNextAction({ clientSecret }) {
        const id = String(clientSecret).split("_secret_")[0];
        const outcome = await new Promise((resolve) => {
          const dialog = document.createElement("div");
          dialog.setAttribute("role", "dialog");
          dialog.setAttribute("aria-label", "3D Secure test authentication");
          dialog.setAttribute("data-testid", "stripe-3ds");
          dialog.style.cssText = "position:fixed;inset:20% 10%;background:#fff;border:2px solid #635bff;padding:1rem;z-index:1000";
          dialog.innerHTML = "<p>3D Secure 2 test page</p><button type=button>Complete</button> <button type=button>Fail</button>";
          const [complete, fail] = dialog.querySelectorAll("button");
          complete.onclick = () => { dialog.remove(); resolve("approve"); };
          fail.onclick = () => { dialog.remove(); resolve("fail"); };
          document.body.appendChild(dialog);
        });
        const r = await call("POST", "/v1/payment_intents/" + id + "/stand_in_3ds", { client_secret: clientSecret, outcome });
        if (r.error) return { error: r.error };
        if (r.ok.last_payment_error) return { error: { ...r.ok.last_payment_error, payment_intent: r.ok } };
        return { paymentIntent: r.ok };
      },
      createToken() { throw new Error("Stripe stand-in: createToken is not used"); },
      confirmCardPayment() { throw new Error("Stripe stand-in: confirmCardPayment is not used"); },
      confirmPayment() { throw new Error("Stripe stand-in: confirmPayment is not used (the server confirms)"); },
    };
    return stripe;
  }
  Stripe.version = "endive";
  window.Stripe = Stripe;
})();`;
}

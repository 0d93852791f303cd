// Socket.IO room names: one place, so the server's joins and the fan-out's broadcasts cannot disagree.
export const rooms = {
  order: (id: string) => `order:${id}`,
  store: (id: string) => `store:${id}`,
  driver: (id: string) => `driver:${id}`,
  /** Every socket of one sign-in session (refresh-token family), and of one user: closed when they end. */
  session: (id: string) => `session:${id}`,
  user: (id: string) => `user:${id}`,
};

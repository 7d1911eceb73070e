/**
 * The `subscribe` of every live subscription field: live fields are served by the live hub
 * (server/src/realtime/live-hub.ts), which executes the field as a query — never by graphql's subscribe.
 */
export const servedByHub = (): never => {
  throw new Error('live subscriptions are served by the live hub');
};

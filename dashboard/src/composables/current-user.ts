import { inject, onScopeDispose, type InjectionKey, type Ref } from 'vue';
import type { LiveLink } from '../graphql/client';
import type { MeQuery } from '../graphql/generated/graphql';

export type CurrentUser = MeQuery['me'];

export const CURRENT_USER: InjectionKey<Ref<CurrentUser | null>> = Symbol('current-user');
export const LIVE_LINK: InjectionKey<LiveLink> = Symbol('live-link');

export function useCurrentUser(): Ref<CurrentUser | null> {
  const user = inject(CURRENT_USER);
  if (!user) throw new Error('useCurrentUser outside the signed-in shell');
  return user;
}

export function useLiveLink(): LiveLink | null {
  return inject(LIVE_LINK, null);
}

/** Re-runs `refetch` after the live link reconnects (queries catch up with what was missed). */
export function useRefetchOnReconnect(refetch: () => void): void {
  const link = useLiveLink();
  if (!link) return;
  const off = link.onReconnected(refetch);
  onScopeDispose(off);
}

import { computed, ref, type ComputedRef, type Ref } from 'vue';

/** Forward cursor paging with a way back: the cursors of the pages visited so far. */
export interface CursorPages {
  /** `after` for the current page (undefined on the first). */
  after: ComputedRef<string | undefined>;
  /** 1-based number of the current page. */
  page: ComputedRef<number>;
  cursors: Ref<(string | null)[]>;
  next(endCursor: string | null | undefined): void;
  prev(): void;
  /** Back to the first page (after a new filter). */
  reset(): void;
}

export function useCursorPages(): CursorPages {
  const cursors = ref<(string | null)[]>([null]);
  return {
    cursors,
    after: computed(() => cursors.value.at(-1) ?? undefined),
    page: computed(() => cursors.value.length),
    next(endCursor) {
      if (endCursor) cursors.value = [...cursors.value, endCursor];
    },
    prev() {
      if (cursors.value.length > 1) cursors.value = cursors.value.slice(0, -1);
    },
    reset() {
      cursors.value = [null];
    },
  };
}

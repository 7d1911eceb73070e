import { useQuery } from '@urql/vue';
import { computed, type ComputedRef } from 'vue';
import { DepartmentsDocument, type DepartmentsQuery } from '../graphql/generated/graphql';

export type DepartmentItem = DepartmentsQuery['departments'][number] & { depth: number; label: string };

/** The department tree in order with each one's depth (for indented <select> options). */
export function withDepth(departments: DepartmentsQuery['departments']): DepartmentItem[] {
  const depth = new Map<string, number>();
  return departments.map((d) => {
    const level = d.parent ? (depth.get(d.parent.id) ?? 0) + 1 : 0;
    depth.set(d.id, level);
    return { ...d, depth: level, label: `${'　'.repeat(level)}${d.name}` };
  });
}

export function useDepartments(): { list: ComputedRef<DepartmentItem[]>; refetch(): void } {
  const q = useQuery({ query: DepartmentsDocument });
  return {
    list: computed(() => withDepth(q.data.value?.departments ?? [])),
    refetch: () => q.executeQuery({ requestPolicy: 'network-only' }),
  };
}

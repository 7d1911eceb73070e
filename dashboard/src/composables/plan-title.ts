/** A plan as the screens name it. */
export interface PlanNaming {
  year: number;
  title: string;
  /** 原文年度: set when the plan was re-dated from an older document (the demo's 2021 text). */
  sourceYear?: number | null;
}

/** "（据2021年度原文改编）" for a plan re-dated from another year's document; "" otherwise. */
export function planSourceNote(plan: PlanNaming): string {
  return plan.sourceYear != null && plan.sourceYear !== plan.year ? `（据${plan.sourceYear}年度原文改编）` : '';
}

/** The title with its source note: "…2026年度政务公开工作要点（据2021年度原文改编）". */
export function planDisplayTitle(plan: PlanNaming): string {
  return `${plan.title}${planSourceNote(plan)}`;
}

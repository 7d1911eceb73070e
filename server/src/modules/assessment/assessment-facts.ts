import type { EntityManager } from '@mikro-orm/postgresql';
import { DeadlineKind } from '../deadlines/deadline-enums.js';
import type { Department } from '../departments/department.entity.js';
import { ChannelKind } from '../publications/publication-enums.js';
import { addDays } from '../../time/calendar-date.js';
import type { AssessmentPeriod } from './assessment-enums.js';
import { AssessmentSide } from './assessment-enums.js';
import type { AssessmentItemDefinition } from './assessment.entity.js';
import { factsNeeded, quarterRange, quartersBegun, type AccountFacts, type EntryFacts, type LateCase, type UnitFacts } from './scoring.js';

/** How far back an update is looked for before the period (a gap that began before it may pass its mark in it). */
const LOOKBACK_DAYS = 400;

export interface FactsQuery {
  organization: Pick<Department, 'id' | 'path'>;
  unitIds: number[];
  setId: number;
  items: readonly AssessmentItemDefinition[];
  period: AssessmentPeriod;
  asOf: string;
  today: string;
}

const emptyFacts = (): UnitFacts => ({ quarterCounts: new Map(), accounts: [], reminders: [], deadlines: new Map(), self: new Map(), review: new Map() });

/**
 * Every unit's facts in a handful of set-based queries (no query per unit): the organisation's departments are
 * mapped to the unit (direct child of the organisation) whose subtree they are in, and every count is summed per unit.
 */
export async function loadUnitFacts(em: EntityManager, q: FactsQuery): Promise<Map<number, UnitFacts>> {
  const facts = new Map<number, UnitFacts>(q.unitIds.map((id) => [id, emptyFacts()]));
  const orgPath = q.organization.path;
  const depth = orgPath.split('/').filter(Boolean).length;
  const departments = await em.execute<{ id: number; path: string }[]>('select id, path from department where path like ?', [`${orgPath}%`]);
  const unitOf = new Map<number, number>();
  for (const d of departments) {
    const unit = Number(d.path.split('/').filter(Boolean)[depth]);
    if (facts.has(unit)) unitOf.set(d.id, unit);
  }
  const need = factsNeeded(q.items);
  const like = `${orgPath}%`;
  const { period, asOf } = q;
  const until = asOf < period.to ? asOf : period.to;

  if (need.quota) {
    for (const quarter of quartersBegun(period, asOf)) {
      const range = quarterRange(period.year, quarter);
      // The maintained counts hold every publication recorded; a quarter cut short by a past as-of date is counted from the ledger.
      const rows =
        range.to <= asOf || asOf >= q.today
          ? await em.execute<{ department_id: number; n: number }[]>(
              `select c.department_id, c.count as n from publication_count c join department d on d.id = c.department_id
               where c.category_id is null and c.period_key = ? and d.path like ?`,
              [`${period.year}-Q${quarter}`, like],
            )
          : await em.execute<{ department_id: number; n: number }[]>(
              `select p.department_id, count(*)::int as n from publication p join department d on d.id = p.department_id
               where p.published_on between ? and ? and d.path like ? group by p.department_id`,
              [range.from, asOf, like],
            );
      for (const r of rows) {
        const unit = unitOf.get(r.department_id);
        if (unit == null) continue;
        const counts = facts.get(unit)!.quarterCounts;
        counts.set(quarter, (counts.get(quarter) ?? 0) + Number(r.n));
      }
    }
  }

  if (need.newMedia) {
    const channels = await em.execute<{ id: number; name: string; department_id: number; opened_on: string }[]>(
      `select c.id, c.name, c.department_id, to_char(c.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as opened_on
       from channel c join department d on d.id = c.department_id
       where c.kind = ? and c.is_active and d.path like ? order by c.id`,
      [ChannelKind.NEW_MEDIA_ACCOUNT, like],
    );
    const accounts = new Map<number, AccountFacts>();
    for (const c of channels) {
      const unit = unitOf.get(c.department_id);
      if (unit == null || c.opened_on > asOf) continue;
      const account: AccountFacts = { channelId: c.id, name: c.name, lastUpdate: null, openedOn: c.opened_on, gaps: [] };
      accounts.set(c.id, account);
      facts.get(unit)!.accounts.push(account);
    }
    if (accounts.size) {
      const ids = [...accounts.keys()];
      const since = addDays(period.from, -LOOKBACK_DAYS);
      // Consecutive update days per account; only the gaps longer than the smallest threshold come back.
      const gaps = await em.execute<{ channel_id: number; prev: string | null; day: string }[]>(
        `select channel_id, to_char(prev, 'YYYY-MM-DD') as prev, to_char(day, 'YYYY-MM-DD') as day from (
           select channel_id, day, lag(day) over (partition by channel_id order by day) as prev from (
             select distinct channel_id, published_on as day from publication where channel_id in (?) and published_on between ? and ?
           ) days
         ) x where prev is null or day - prev > ?`,
        [ids, since, asOf, need.gapThreshold],
      );
      for (const g of gaps) {
        const account = accounts.get(g.channel_id)!;
        // The first update in the window: the clock ran from the registration when that was inside the window.
        const from = g.prev ?? (account.openedOn >= since && account.openedOn < g.day ? account.openedOn : null);
        if (from) account.gaps.push({ from, to: g.day });
      }
      const latest = await em.execute<{ channel_id: number; last: string }[]>(
        `select channel_id, to_char(max(published_on), 'YYYY-MM-DD') as last from publication where channel_id in (?) and published_on <= ? group by channel_id`,
        [ids, asOf],
      );
      for (const l of latest) accounts.get(l.channel_id)!.lastUpdate = l.last;
      // Reminders to update (at or after the account's due date; not the advance notices).
      const reminders = await em.execute<{ deadline_id: number; channel_id: number; day: string; occasion: string }[]>(
        `select r.deadline_id, dl.subject_id as channel_id, to_char(r.planned_for, 'YYYY-MM-DD') as day, r.occasion
         from reminder_occasion r join deadline dl on dl.id = r.deadline_id
         where dl.kind = ? and dl.subject_id in (?) and r.planned_for between ? and ? and r.occasion not like 'before%'
         order by r.planned_for, r.key`,
        [DeadlineKind.NEW_MEDIA, ids, period.from, until],
      );
      for (const r of reminders) {
        const channel = channels.find((c) => c.id === r.channel_id);
        const unit = channel ? unitOf.get(channel.department_id) : undefined;
        if (unit == null) continue;
        facts.get(unit)!.reminders.push({ deadlineId: r.deadline_id, channelId: r.channel_id, date: r.day, occasion: r.occasion });
      }
    }
  }

  if (need.deadlineKinds.length) {
    // Cases: due in the period, and done by the as-of date or due before it (a case not yet due and not done is not counted yet).
    const counted = `dl.kind in (?) and dl.due_date between ? and ? and (dl.completed_on <= ? or dl.due_date < ?)
                     and not (dl.state = 'PAUSED' and dl.completed_on is null)`;
    const params = [need.deadlineKinds, period.from, period.to, asOf, asOf, like];
    const totals = await em.execute<{ department_id: number; kind: DeadlineKind; n: number }[]>(
      `select dl.department_id, dl.kind, count(*)::int as n from deadline dl join department d on d.id = dl.department_id
       where ${counted} and d.path like ? group by dl.department_id, dl.kind`,
      params,
    );
    for (const t of totals) {
      const unit = unitOf.get(t.department_id);
      if (unit == null) continue;
      const byKind = facts.get(unit)!.deadlines;
      const entry = byKind.get(t.kind) ?? { total: 0, late: [] };
      entry.total += Number(t.n);
      byKind.set(t.kind, entry);
    }
    const late = await em.execute<{ id: number; department_id: number; kind: DeadlineKind; title: string; due: string; done: string | null }[]>(
      `select dl.id, dl.department_id, dl.kind, dl.title, to_char(dl.due_date, 'YYYY-MM-DD') as due,
              case when dl.completed_on <= ? then to_char(dl.completed_on, 'YYYY-MM-DD') end as done
       from deadline dl join department d on d.id = dl.department_id
       where ${counted} and d.path like ? and (dl.completed_on is null or dl.completed_on > dl.due_date or dl.completed_on > ?)
       order by dl.due_date, dl.id`,
      [asOf, ...params, asOf],
    );
    for (const l of late) {
      const unit = unitOf.get(l.department_id);
      if (unit == null) continue;
      const c: LateCase = { deadlineId: l.id, kind: l.kind, title: l.title, dueDate: l.due, completedOn: l.done };
      facts.get(unit)!.deadlines.get(l.kind)?.late.push(c);
    }
  }

  const entries = await em.execute<
    {
      department_id: number;
      item_code: string;
      side: AssessmentSide;
      points: number | null;
      occurrences: Record<string, number>;
      vetoed: boolean;
      reason: string;
    }[]
  >(
    `select s.department_id, e.item_code, e.side, e.points, e.occurrences, e.vetoed, e.reason
     from assessment_entry e join assessment_sheet s on s.id = e.sheet_id where s.set_id = ?`,
    [q.setId],
  );
  for (const e of entries) {
    const f = facts.get(e.department_id);
    if (!f) continue;
    const entry: EntryFacts = { points: e.points == null ? null : Number(e.points), occurrences: e.occurrences ?? {}, vetoed: e.vetoed, reason: e.reason };
    (e.side === AssessmentSide.REVIEW ? f.review : f.self).set(e.item_code, entry);
  }
  return facts;
}

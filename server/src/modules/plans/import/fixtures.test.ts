/**
 * Real published plans (test/fixtures/plans, each with its source address) and the two seeds, through the one
 * entry point: each yields the points written in its .expected.json.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importPlanDocument } from './index.js';
import type { ImportedWorkPoint } from './types.js';

const FIXTURES = new URL('../../../../../test/fixtures/plans/', import.meta.url);
const SEEDS = new URL('../../../../../seeds/', import.meta.url);

/** The fixture's text as found: its first line (the source comment) blanked so line numbers stay the file's. */
function fixtureText(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8').replace(/^#.*$/m, '');
}

interface ExpectedPoint {
  number: string;
  section?: string;
  title?: string;
  leads?: ImportedWorkPoint['leads'];
  responsible?: ImportedWorkPoint['responsible'];
  /** 责任领导 / 牵头负责领导 as written: persons, never units. */
  leaders?: string[];
  duties?: string;
  timeLimit?: string;
  dueDate?: string | null;
  ongoing?: boolean;
  recurrence?: string | null;
  dutyItemCount?: number;
}

interface Expected {
  source: string;
  options: { year?: number };
  title: string;
  year: number | null;
  layout: string;
  pointCount: number;
  warningCount?: number;
  points: ExpectedPoint[];
}

const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.expected.json'));

function pointNumbered(points: ImportedWorkPoint[], number: string): ImportedWorkPoint {
  const point = points.find((p) => p.number === number);
  if (!point) throw new Error(`no point ${number}; have ${points.map((p) => p.number).join(', ')}`);
  return point;
}

describe('real published plans', () => {
  it('has at least eight fixtures, each with its source address, at least four of them tables', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(8);
    const tables = fixtures.filter((f) => (JSON.parse(readFileSync(new URL(f, FIXTURES), 'utf8')) as Expected).layout === 'TABLE');
    expect(tables.length).toBeGreaterThanOrEqual(4);
    for (const f of fixtures) {
      const text = readFileSync(new URL(f.replace('.expected.json', '.txt'), FIXTURES), 'utf8');
      expect(text.split('\n')[0]).toMatch(/^# source: https?:\/\/\S+/);
    }
  });

  for (const file of fixtures) {
    const expected = JSON.parse(readFileSync(new URL(file, FIXTURES), 'utf8')) as Expected;
    const name = file.replace('.expected.json', '.txt');
    it(`${name} yields its ${expected.pointCount} points`, async () => {
      const result = await importPlanDocument({ kind: 'text', text: fixtureText(name) }, expected.options);
      expect(result.layout).toBe(expected.layout);
      expect(result.title).toBe(expected.title);
      expect(result.year).toBe(expected.year);
      expect(result.points).toHaveLength(expected.pointCount);
      expect(result.points.map((p) => p.sequence)).toEqual(result.points.map((_, i) => i + 1));
      if (expected.warningCount !== undefined) expect(result.warnings).toHaveLength(expected.warningCount);
      for (const want of expected.points) {
        const point = pointNumbered(result.points, want.number);
        const { dutyItemCount, ...fields } = want;
        expect(point).toMatchObject(fields);
        if (dutyItemCount !== undefined) expect(point.dutyItems).toHaveLength(dutyItemCount);
      }
      // Every point says where it is, and every unit name is listed for mapping.
      for (const point of result.points) {
        expect(point.source).toMatch(/^第\d+(?:–\d+)?行$/);
        for (const name of [...point.leads.departments, ...point.responsible.departments]) expect(result.unitNames).toContain(name);
      }
    });
  }
});

describe('the seeds through the new entry point', () => {
  it('seed 004 (平顶山 2021 工作要点, prose) is read by the 工作要点 parser: 16 points with leads, scopes and time limits', async () => {
    const text = readFileSync(new URL('pingdingshan-2021-work-plan.txt', SEEDS), 'utf8');
    const result = await importPlanDocument({ kind: 'text', text });
    expect(result.layout).toBe('WORK_PLAN');
    expect(result.title).toBe('平顶山市城市管理局(平顶山市城市综合执法局)2021年度政务公开工作要点');
    expect(result.issuer).toBe('平顶山市城市管理局');
    expect(result.year).toBe(2021);
    expect(result.points).toHaveLength(16);
    expect(pointNumbered(result.points, '二(一)')).toMatchObject({
      title: '建议提案办理结果公开',
      section: '重点领域信息公开',
      leads: { departments: ['局办公室'], scopes: [] },
      responsible: { departments: [], scopes: ['SUBORDINATE_UNITS', 'OFFICES'] },
      dueDate: null,
      ongoing: false,
    });
    expect(pointNumbered(result.points, '二(六)')).toMatchObject({
      title: '法治政府建设年度报告',
      timeLimit: '每年4月1日前',
      dueDate: '2021-04-01',
      recurrence: 'YEARLY',
    });
    expect(pointNumbered(result.points, '二(五)')).toMatchObject({ timeLimit: '7个工作日内', dueDate: null, recurrence: 'PER_EVENT', ongoing: true });
    expect(pointNumbered(result.points, '二(九)').leads.departments).toEqual(['局人事科', '市政设施管理科']);
    expect(result.unitNames).toContain('数字城管中心');
    expect(result.points[0]!.source).toMatch(/^第\d+行$/);
  });

  it('seed 000 (威县 2023H1 自查, self-inspection) is recognised as such: 21 requirements with their verdicts', async () => {
    const text = readFileSync(new URL('weixian-2023h1-self-inspection.txt', SEEDS), 'utf8');
    const result = await importPlanDocument({ kind: 'text', text });
    expect(result.layout).toBe('SELF_INSPECTION');
    expect(result.title).toBe('威县城市管理综合行政执法局关于2023年上半年政务公开工作报告');
    expect(result.year).toBe(2023);
    expect(result.points.map((p) => p.number)).toEqual(Array.from({ length: 21 }, (_, i) => String(i + 1)));
    expect(result.points[0]).toMatchObject({ title: '机构信息', section: '主动公开', selfInspection: '已在机构职能板块公开。' });
    expect(result.points[3]).toMatchObject({ leads: { departments: ['办公室'], scopes: [] }, recurrence: 'PER_EVENT', ongoing: true });
  });

  it('the same seed imported twice has the same fingerprints; a changed point changes only its own', async () => {
    const text = readFileSync(new URL('pingdingshan-2021-work-plan.txt', SEEDS), 'utf8');
    const first = await importPlanDocument({ kind: 'text', text });
    const again = await importPlanDocument({ kind: 'text', text: text.replace(/，/g, ',').replace(/\n/g, '\r\n') });
    expect(again.fingerprint).toBe(first.fingerprint);
    const edited = await importPlanDocument({
      kind: 'text',
      text: text.replace('在门户网站公开本年度人大代表建议', '在门户网站和公众号公开本年度人大代表建议'),
    });
    expect(edited.fingerprint).not.toBe(first.fingerprint);
    expect(edited.points.filter((p, i) => p.fingerprint !== first.points[i]!.fingerprint).map((p) => p.number)).toEqual(['二(一)']);
  });
});

import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays } from '../../time/calendar-date.js';
import { SYSTEM_VIEWER } from '../auth/viewer.js';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.js';
import type { Department } from '../departments/department.entity.js';
import { Channel } from '../publications/channel.entity.js';
import { ChannelKind } from '../publications/publication-enums.js';
import { AnnualStatisticItem, LegalCaseKind, LegalCaseOutcome, NormativeDocumentKind, ReportingBody } from './annual-report-enums.js';
import { AnnualStatistic } from './annual-statistic.entity.js';
import type { AnnualReport } from './annual-report.entity.js';
import { AnnualReportService, reportDueDate } from './annual-report.service.js';
import { LegalCase } from './legal-case.entity.js';
import { NormativeDocument } from './normative-document.entity.js';

/**
 * Demo of the annual report, as of `today`: the 行政复议/行政诉讼 cases and 规范性文件 of last year and
 * this year, last year's yearly figures (行政许可, 行政处罚 from the enforcement system, 行政强制, 收费),
 * last year's report — 定稿 and ready to submit while its due date (31 January) is ahead, published on
 * time once it has passed — and this year's report in progress (起草, counted live from the registers).
 */
export async function seedDemoAnnualReports(em: EntityManager, organization: Department, calendar: WorkingDayCalendar, today: string): Promise<number> {
  const year = Number(today.slice(0, 4));
  const last = year - 1;
  const code = organization.code.replace(/[^A-Za-z]/g, '') || 'ORG';
  const on = (date: string) => (date <= today ? date : null);

  // 规范性文件: issued over the years, one repealed last year.
  const documents: [string, string, string, string | null][] = [
    [`平城管〔${last - 3}〕12号`, '城市道路挖掘管理办法', `${last - 3}-04-18`, null],
    [`平城管〔${last - 2}〕5号`, '户外广告设置管理规定', `${last - 2}-03-09`, `${last}-06-30`],
    [`平城管〔${last - 1}〕21号`, '城市生活垃圾分类工作实施方案', `${last - 1}-09-12`, null],
    [`平城管〔${last}〕3号`, '城市管理行政处罚裁量基准', `${last}-02-21`, null],
    [`平城管〔${last}〕17号`, '占道经营疏导点管理办法', `${last}-07-08`, null],
    [`平城管〔${year}〕6号`, '城市园林绿化养护管理办法', `${year}-04-15`, null],
  ];
  for (const [documentNumber, title, issuedOn, repealedOn] of documents) {
    if (issuedOn > today) continue;
    em.create(NormativeDocument, {
      department: organization,
      kind: NormativeDocumentKind.NORMATIVE_DOCUMENT,
      documentNumber,
      title: `平顶山市城市管理局${title}`,
      issuedOn,
      repealedOn: repealedOn && on(repealedOn),
      repealNote: repealedOn && on(repealedOn) ? `被平城管〔${last}〕3号文件替代` : null,
    });
  }

  // 行政复议/行政诉讼 about disclosure: last year three cases, this year two (one still pending).
  const cases: [LegalCaseKind, string, string, string | null, LegalCaseOutcome | null][] = [
    [LegalCaseKind.REVIEW, '不服某路段改造工程立项批复信息公开答复', `${last}-03-14`, `${last}-05-10`, LegalCaseOutcome.MAINTAINED],
    [LegalCaseKind.REVIEW, '不服违法建设处理结果信息公开答复', `${last}-08-05`, `${last}-10-09`, LegalCaseOutcome.CORRECTED],
    [LegalCaseKind.LITIGATION_DIRECT, '诉请公开城市生活垃圾处理费收支情况', `${last}-10-20`, `${year}-02-26`, LegalCaseOutcome.MAINTAINED],
    [LegalCaseKind.REVIEW, '不服园林绿化养护项目招标结果信息公开答复', `${year}-05-06`, `${year}-07-02`, LegalCaseOutcome.MAINTAINED],
    [LegalCaseKind.REVIEW, '不服占道经营管理规定制定依据信息公开答复', addDays(today, -30), null, null],
  ];
  for (const [i, [kind, subject, receivedOn, concludedOn, outcome]] of cases.entries()) {
    if (receivedOn > today) continue;
    const concluded = concludedOn && on(concludedOn);
    em.create(LegalCase, {
      department: organization,
      kind,
      caseNumber: kind === LegalCaseKind.REVIEW ? `平政复〔${receivedOn.slice(0, 4)}〕${30 + i}号` : `（${receivedOn.slice(0, 4)}）豫0402行初${50 + i}号`,
      subject,
      party: ['张**', '李**', '某某建设有限公司', '王**', '刘**'][i]!,
      receivedOn: calendar.nextWorkingDayOnOrAfter(receivedOn) <= today ? calendar.nextWorkingDayOnOrAfter(receivedOn) : receivedOn,
      concludedOn: concluded,
      outcome: concluded ? outcome : null,
    });
  }

  // Last year's figures that no register of ours holds, entered with their source.
  const statistics: [AnnualStatisticItem, number, string][] = [
    [AnnualStatisticItem.ADMINISTRATIVE_LICENSING, 1236, '市政务服务网行政审批系统年度统计'],
    [AnnualStatisticItem.ADMINISTRATIVE_PENALTY, 412, '城市管理综合执法办案系统年度统计（登记簿只录入了须公开的决定）'],
    [AnnualStatisticItem.ADMINISTRATIVE_COERCION, 7, '城市管理综合执法办案系统年度统计'],
    [AnnualStatisticItem.ADMINISTRATIVE_FEES, 0, '本局不收取行政事业性收费（财务科确认）'],
  ];
  for (const [item, value, source] of statistics) em.create(AnnualStatistic, { organization, year: last, item, value, source, enteredBy: 'system' });
  await em.flush();

  const service = new AnnualReportService(em, SYSTEM_VIEWER, () => today);
  let report = await service.createReport({ organizationId: String(organization.id), year: last, reportingBody: ReportingBody.DEPARTMENT });
  report = await service.updateText({
    id: String(report.id),
    version: report.version,
    problems: [
      `${last}年，我局政府信息公开工作取得一定成效，但仍存在一些不足：一是政策解读形式还不够丰富；二是基层执法单位信息发布的及时性有待提高。`,
      `${year}年，我局将丰富图表、视频等解读形式，完善信息发布审核和督办机制，确保政府信息及时、准确、全面公开。`,
    ].join('\n'),
    otherMatters: `本年度未收取信息处理费。按照上级年度政务公开工作要点要求，逐项分解落实本局${last}年度政务公开工作任务。`,
  });
  // The demo's ledger begins this year: last year's publishing is written as the office had it from its
  // former ledger (plain figures); the register figures stay live fields.
  const draft = report.overview.split('\n');
  draft[1] = [
    `${last}年，平顶山市城市管理局坚持以公开为常态、不公开为例外，全年通过门户网站、政务新媒体主动公开政府信息2368条，其中工作动态806条，重点领域271条，`,
    `行政执法263条，政策解读226条，政策文件205条，其他597条。发布政策解读226条，其中以图表、视频、在线访谈等非文字形式解读121条，占53.5%。`,
  ].join('');
  draft[7] = '运行政务新媒体账号1个，全年发布信息611条；通过门户网站发布信息1757条。';
  draft[9] = `按照${last}年度政务公开工作要点分解任务198项，已完成196项，2项因上级政策调整不再实施。`;
  report = await service.updateText({
    id: String(report.id),
    version: report.version,
    overview: draft.join('\n'),
    proactiveText: `${last}年度，我局通过市政府门户网站发布信息1757条，通过政务新媒体发布信息611条。`,
  });
  const due = reportDueDate(last, ReportingBody.DEPARTMENT);
  // Drafted in the second week of January, approved a week later.
  const signedOn = calendar.nextWorkingDayOnOrAfter(`${year}-01-16`);
  if (signedOn <= today) report = await service.updateText({ id: String(report.id), version: report.version, signedOn });
  report = await service.submitForReview({ id: String(report.id), version: report.version });
  report = await service.approve({ id: String(report.id), version: report.version });
  const submittedOn = calendar.nextWorkingDayOnOrAfter(`${year}-01-20`);
  const publishedOn = calendar.nextWorkingDayOnOrAfter(`${year}-01-23`);
  if (today > due || publishedOn < today) {
    report = await service.submit({ id: String(report.id), version: report.version, submittedOn });
    const portal = await em.findOneOrFail(Channel, { kind: ChannelKind.PORTAL_COLUMN, department: organization.id }, { orderBy: { id: 'asc' } });
    report = await service.publish({
      id: String(report.id),
      version: report.version,
      publishedOn,
      channelId: String(portal.id),
      url: `https://pds.zwgk.example/xxgk/nb/${last}-${code.toLowerCase()}.html`,
    });
  }
  const draft2 = await service.createReport({ organizationId: String(organization.id), year, reportingBody: ReportingBody.DEPARTMENT });
  await em.flush();
  await dateDemoSteps(em, report, draft2.id, today, [`${year}-01-09`, signedOn, signedOn, submittedOn, publishedOn]);
  return 2;
}

/**
 * The demo's records carry the days their steps happened (drafted, reviewed, approved, submitted,
 * published), not the instant the demo was seeded — nothing is dated after the demo's today. Written
 * in SQL: the entities stamp their own times on every change.
 */
async function dateDemoSteps(em: EntityManager, last: AnnualReport, draftId: number, today: string, stepDays: string[]): Promise<void> {
  const at = (day: string, hour = 10) => new Date(`${day <= today ? day : today}T${String(hour).padStart(2, '0')}:00:00+08:00`);
  const history = last.history.map((step, i) => ({ ...step, at: at(stepDays[Math.min(i, stepDays.length - 1)]!, 9 + i) }));
  const lastAt = history.at(-1)!.at;
  const conn = em.getConnection();
  const tx = em.getTransactionContext();
  await conn.execute(
    'update annual_report set created_at = ?, updated_at = ?, history = ? where id = ?',
    [at(stepDays[0]!, 9), lastAt, JSON.stringify(history), last.id],
    'run',
    tx,
  );
  const draftHistory = JSON.stringify([{ from: null, to: 'DRAFT', actor: 'system', at: at(today, 9), reason: null }]);
  await conn.execute(
    'update annual_report set created_at = ?, updated_at = ?, history = ? where id = ?',
    [at(today, 9), at(today, 9), draftHistory, draftId],
    'run',
    tx,
  );
  if (last.publication)
    await conn.execute('update publication set created_at = ?, updated_at = ? where id = ?', [lastAt, lastAt, last.publication.id], 'run', tx);
  await em.refresh(last);
}

import { Router } from 'express';
import { attachment, authorizedHandler, type AuthorizedRouteDeps } from '../../http/authorized-route.js';
import { shanghaiDate } from '../../time/calendar-date.js';
import { AssessmentService } from './assessment.service.js';
import { selfInspectionDocx, selfInspectionFileName } from './export/self-inspection-docx.js';
import { selfInspectionReport } from './self-inspection.js';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * GET /assessment/self-inspection.docx?organizationId=&period=&departmentId=   a unit's 自查报告 in the layout of seed 000,
 * authorized as the `assessmentSheet` query (the unit's own people, or the office).
 */
export function assessmentRouter(deps: AuthorizedRouteDeps & { publicUrl: string | null }): Router {
  const router = Router();
  const handle = authorizedHandler(deps);
  router.get(
    '/assessment/self-inspection.docx',
    handle('assessmentSheet', async (req, res, { em, viewer }) => {
      const text = (name: string) => (typeof req.query[name] === 'string' ? (req.query[name] as string) : '');
      const ref = { organizationId: text('organizationId'), period: text('period'), departmentId: text('departmentId') };
      const service = new AssessmentService(em, viewer, { publicUrl: deps.publicUrl });
      const { context, score, entries } = await service.sheet(ref);
      const report = selfInspectionReport({
        organizationName: context.organization.name,
        set: context.set,
        periodLabel: context.period.label,
        score,
        findings: context.sheet?.findings ?? {},
        entries,
        publicUrl: deps.publicUrl,
        date: shanghaiDate(),
      });
      const buffer = await selfInspectionDocx(report);
      res
        .status(200)
        .type(DOCX_TYPE)
        .setHeader('content-disposition', attachment(selfInspectionFileName(report), `self-inspection-${context.period.key}.docx`))
        .end(buffer);
    }),
  );
  return router;
}

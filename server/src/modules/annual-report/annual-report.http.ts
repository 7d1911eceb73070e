import { Router } from 'express';
import { attachment, authorizedHandler, type AuthorizedRouteDeps } from '../../http/authorized-route.js';
import { AnnualReportService } from './annual-report.service.js';
import { renderAnnualReportDocx } from './export/docx.js';
import { renderAnnualReportXlsx } from './export/xlsx.js';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The annual report's files, authorized as the `annualReport` query:
 *   GET /annual-reports/:id/report.docx   the whole report in the national layout (A4, 仿宋 body, tables 二/三/四 with merged headers)
 *   GET /annual-reports/:id/tables.xlsx   tables 二/三/四, one sheet each
 */
export function annualReportRouter(deps: AuthorizedRouteDeps): Router {
  const router = Router();
  const handle = authorizedHandler(deps);
  const exportAs = (kind: 'docx' | 'xlsx') =>
    handle('annualReport', async (req, res, { em, viewer }) => {
      const service = new AnnualReportService(em, viewer);
      const report = await service.getReport(String(req.params.id));
      const document = await service.document(report);
      const buffer = kind === 'docx' ? await renderAnnualReportDocx(document) : await renderAnnualReportXlsx(document);
      const name = `${document.organizationName}${report.year}年政府信息公开工作年度报告${kind === 'xlsx' ? '（表格）' : ''}.${kind}`;
      res
        .status(200)
        .type(kind === 'docx' ? DOCX_TYPE : XLSX_TYPE)
        .setHeader('content-disposition', attachment(name, `annual-report-${report.year}.${kind}`))
        .end(buffer);
    });
  router.get('/annual-reports/:id/report.docx', exportAs('docx'));
  router.get('/annual-reports/:id/tables.xlsx', exportAs('xlsx'));
  return router;
}

import { Router } from 'express';
import { attachment, authorizedHandler, type AuthorizedRouteDeps } from '../../http/authorized-route.js';
import { readUpload } from '../../http/upload.js';
import { docxReportText } from './docx-text.js';
import { readDocx } from './export/docx-read.js';
import { AnnualReportService } from './annual-report.service.js';
import { renderAnnualReportDocx } from './export/docx.js';
import { renderAnnualReportXlsx } from './export/xlsx.js';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** A published report in Word is a few hundred KB; 10 MB leaves room for pictures. */
const MAX_DOCX_BYTES = 10 * 1024 * 1024;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The annual report's files, authorized as the `annualReport` query:
 *   GET /annual-reports/:id/report.docx   the whole report in the national layout (A4, 仿宋 body, tables 二/三/四 with merged headers)
 *   GET /annual-reports/:id/tables.xlsx   tables 二/三/四, one sheet each
 *   POST /annual-reports/docx-text         a published report as .docx (multipart "file" or the raw body) → { text }, for
 *                                         `importAnnualReport` and `checkAnnualReportText(s)` (authorized as the latter; stores nothing)
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
  router.post(
    '/annual-reports/docx-text',
    handle('checkAnnualReportText', async (req, res) => {
      const file = await readUpload(req, { maxBytes: MAX_DOCX_BYTES, accepted: '.docx（Word 文档）' });
      res.status(200).json({ text: docxReportText(readDocx(file.buffer)), filename: file.filename });
    }),
  );
  return router;
}

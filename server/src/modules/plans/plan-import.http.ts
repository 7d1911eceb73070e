import { Router } from 'express';
import { authorizedHandler, type AuthorizedRouteDeps } from '../../http/authorized-route.js';
import { readUpload } from '../../http/upload.js';
import { blocksToHtml, IMPORT_LIMITS, planInputFromFile, readPlanInput } from './import/index.js';

/**
 * A plan document as a file (authorized as `previewPlanImport`):
 *   POST /plans/document-text?filename=任务分工.docx   .docx, .xlsx, .html or .txt (multipart "file" or the raw body)
 *     → { text }: the document as HTML (tables with their merged cells) for `previewPlanImport` / `importPlan`, so a file
 *       takes the same path as a page copied from a website. Nothing is stored.
 */
export function planImportRouter(deps: AuthorizedRouteDeps): Router {
  const router = Router();
  const handle = authorizedHandler(deps);
  router.post(
    '/plans/document-text',
    handle('previewPlanImport', async (req, res) => {
      const file = await readUpload(req, { maxBytes: IMPORT_LIMITS.maxFileBytes, accepted: '.docx、.xlsx、.html 或 .txt' });
      const name = file.filename ?? (typeof req.query.filename === 'string' ? req.query.filename : '');
      const blocks = await readPlanInput(planInputFromFile(file.buffer, name));
      res.status(200).json({ text: blocksToHtml(blocks) });
    }),
  );
  return router;
}

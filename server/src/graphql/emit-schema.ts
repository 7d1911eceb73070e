/** `npm run schema:emit`: writes schema/schema.graphql from the resolvers. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { printSchemaSdl } from './schema.js';

const SCHEMA_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../schema/schema.graphql');

const sdl = await printSchemaSdl();
fs.mkdirSync(path.dirname(SCHEMA_FILE), { recursive: true });
fs.writeFileSync(SCHEMA_FILE, sdl);
console.log(`Wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);

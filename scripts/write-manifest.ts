import {writeFile} from 'node:fs/promises';
import {MANIFEST_FILE, manifestSource} from './command-manifest.js';

// `npm run manifest`: after a command is added to the registry, or its usage, summary or options change.
await writeFile(MANIFEST_FILE, await manifestSource());
process.stderr.write(`wrote ${MANIFEST_FILE}\n`);

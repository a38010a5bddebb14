// npm run screenshots: refreshes the README's screenshots in docs/ from a real VS Code.
import * as path from 'node:path';
import { REPO_ROOT } from './codeServer';
import { uiCheck, webScreenshot } from './uiCheck';
import { onlineCheck } from './onlineCheck';

const docs = path.join(REPO_ROOT, 'docs');
uiCheck(docs).then(async (result) => {
  const shots = [...result.screenshots, await webScreenshot(docs), (await onlineCheck(docs)).screenshot];
  console.log(`wrote ${shots.map((s) => path.relative(REPO_ROOT, s)).join(', ')}`);
}, (error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});

// npm run screenshots: refreshes the README's screenshots in docs/ from a real VS Code.
import * as path from 'node:path';
import { REPO_ROOT } from './codeServer';
import { uiCheck } from './uiCheck';

uiCheck(path.join(REPO_ROOT, 'docs')).then((result) => {
  console.log(`wrote ${result.screenshots.map((s) => path.relative(REPO_ROOT, s)).join(', ')}`);
}, (error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});

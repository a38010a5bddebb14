/** The GitHub Action's entry point (action.yml runs action/index.js, built from this): runAction with the runner's environment. */
import { runAction } from './action';
import { workflowCommand } from './formats';

runAction(process.env, (s) => process.stdout.write(s)).then((code) => { process.exitCode = code; }, (error: Error) => {
  // A bug of ours: said as an annotation (escaped as every other), with the stack in the log after it.
  process.stdout.write(`${workflowCommand('error', { title: 'kasm-registry-lint' }, `internal error: ${error.message}`)}${error.stack ?? ''}\n`);
  process.exitCode = 2;
});

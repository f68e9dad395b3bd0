import { SERVE_USAGE, serveCommand } from "./commands/serve";
import { setsCommand } from "./commands/sets";
import { validateCommand } from "./commands/validate";

/** Each subcommand returns an exit code, or undefined when it keeps the process alive (serve). */
const COMMANDS: Record<string, (args: string[]) => Promise<number | undefined>> = {
  serve: serveCommand,
  validate: validateCommand,
  sets: setsCommand,
};

const [name, ...args] = process.argv.slice(2);
const command = name === undefined ? undefined : COMMANDS[name];
if (command === undefined) {
  console.error(`usage: palisade <${Object.keys(COMMANDS).join("|")}> ...\n\n${SERVE_USAGE}`);
  process.exit(2);
}
const code = await command(args);
if (code !== undefined) process.exit(code);

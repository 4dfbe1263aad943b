// Runs before any TypeScript (npm start, npm run coach, npm test, ...): Node older than 24 cannot run our .ts files
// and would fail with a message that says nothing about Node. Plain JavaScript that old Node versions can parse.
const [major] = process.versions.node.split('.').map(Number);
if (major < 24) {
  process.stderr.write(`Tradeoff Coach needs Node.js 24 or newer (found ${process.versions.node}): see README, Quick start\n`);
  process.exit(2);
}

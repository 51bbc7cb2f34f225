// Generates src/ from ../../schema with @cosmwasm/ts-codegen's programmatic API (pinned in
// package.json): types, query and signing clients and message composers for the vault, the
// oracle and the DAO. scripts/test.sh reruns it and fails when the committed src/ differs.
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import codegenModule from "@cosmwasm/ts-codegen";

const codegen = codegenModule.default ?? codegenModule;
const here = dirname(fileURLToPath(import.meta.url));
const schema = join(here, "..", "..", "schema");
const outPath = join(here, "src");

rmSync(outPath, { recursive: true, force: true });
await codegen({
  contracts: [
    { name: "PoolVault", dir: join(schema, "pool-vault") },
    { name: "RiskOracle", dir: join(schema, "risk-oracle") },
    { name: "DaoGovernance", dir: join(schema, "dao-governance") },
  ],
  outPath,
  options: {
    bundle: { enabled: true, bundleFile: "index.ts", scope: "contracts" },
    types: { enabled: true },
    // The DAO has both an execute and a query named `vote`, so the signing client cannot extend
    // the query client; both are generated side by side.
    client: { enabled: true, execExtendsQuery: false },
    messageComposer: { enabled: true },
    reactQuery: { enabled: false },
    recoil: { enabled: false },
    messageBuilder: { enabled: false },
    useContractsHook: { enabled: false },
  },
});
console.log(`generated ${outPath}`);

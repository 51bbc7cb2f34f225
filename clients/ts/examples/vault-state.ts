// The README's five-line example: read the pool's capital and Cover-N figures over RPC.
import { getCosmWasmClient } from "../src/baseClient";
import { PoolVaultQueryClient } from "../src/PoolVault.client";

export async function coverage(rpc: string, vaultAddress: string): Promise<string> {
  const vault = new PoolVaultQueryClient(getCosmWasmClient(rpc), vaultAddress);
  const s = await vault.state();
  return `capital ${s.total_assets}, Cover-N ${s.pool_requirement} of capacity ${s.capacity}`;
}

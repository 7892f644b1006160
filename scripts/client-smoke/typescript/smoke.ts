// Calls a running Asset Service through openapi-fetch, typed by what openapi-typescript generates from
// openapi.json (api.d.ts, never committed). `tsc --strict` must accept this file: a document change that
// breaks these calls fails before anything runs. Run by scripts/client-smoke.sh with BASE_URL and API_KEY.
import createClient from "openapi-fetch";
import type { components, paths } from "./api.js";

declare const process: { env: Record<string, string | undefined>; exitCode?: number };

type Schemas = components["schemas"];

const baseUrl = process.env.BASE_URL ?? "";
// JSON only: the period reads also document text/csv, which would make every `data` a union with string.
const client = createClient<paths, "application/json">({ baseUrl, headers: { "x-functions-key": process.env.API_KEY ?? "" } });

let steps = 0;
function check(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(what);
}
async function step(name: string, run: () => Promise<void>): Promise<void> {
  steps++;
  await run();
  console.log(`  ok   ${name}`);
}

async function main(): Promise<void> {
  const code = "T" + Math.random().toString(36).slice(2, 10).toUpperCase().replace(/[^A-Z0-9]/g, "X");
  const assetId = `DE_50HZ_${code}_1`;

  await step("create an asset", async () => {
    const body: Schemas["CreateAssetRequest"] = {
      code, name: "TS smoke", type: "BESS", region: "DE", delivery_area: "50HZ", provider: "EBX",
    };
    const { data, error } = await client.POST("/api/v1/assets", { body });
    check(error === undefined && data?.id === assetId, `created ${JSON.stringify(data ?? error)}`);
  });

  await step("commission it with an empty body", async () => {
    const { data } = await client.POST("/api/v1/assets/{asset_id}/actions/commission", {
      params: { path: { asset_id: assetId } }, body: {},
    });
    check(data?.lifecycle === "COMMISSIONING", `lifecycle ${data?.lifecycle}`);
  });

  await step("PATCH and GET limits (computed block; sources repeated and comma-separated)", async () => {
    const entry = (source: Schemas["LimitSource"], power_discharge: number): Schemas["LimitEntry"] => ({
      asset_id: assetId, source, start_time: "10:00", end_time: "10:30",
      valid_from: "2026-04-01", valid_until: "2026-04-01", power_discharge,
    });
    const upsert = await client.PATCH("/api/v1/limits", { body: { limits: [entry("REPORTED", 3), entry("OPERATIONS", 2)] } });
    check(upsert.data?.upserted === 4, `upserted ${upsert.data?.upserted}`);
    for (const sources of [["REPORTED", "OPERATIONS"], ["REPORTED,OPERATIONS"]]) {
      const { data } = await client.GET("/api/v1/limits", {
        params: { query: { asset_ids: [assetId], from: "2026-04-01T10:00:00Z", to: "2026-04-01T10:30:00Z", sources } },
      });
      const slot: Schemas["LimitSlot"] | undefined = data?.limits[0];
      check(data?.limits.length === 2 && slot?.sources.length === 2, `slots ${JSON.stringify(data)}`);
      check(slot.computed.power_discharge === 2, `computed ${JSON.stringify(slot.computed)}`);
    }
  });

  await step("PUT and GET a spec with Quantities", async () => {
    const put = await client.PUT("/api/v1/specs", {
      body: {
        asset_id: assetId, valid_from: "2026-04-01T00:00:00Z",
        rated_power: { value: "9500", unit: "kW" }, max_capacity: { value: 20, unit: "MWh" },
      },
    });
    check(put.data?.rated_power?.value === "9.5", `put ${JSON.stringify(put.data ?? put.error)}`);
    const { data } = await client.GET("/api/v1/specs", { params: { query: { asset_ids: [assetId], latest: true } } });
    const spec = data?.specs[0];
    check(spec?.rated_power?.unit === "MW" && spec.max_capacity?.value === "20", `spec ${JSON.stringify(spec)}`);
  });

  await step("list sites with and without expand=inverters", async () => {
    const site = await client.POST("/api/v1/sites", {
      body: { name: "TS site", code, region: "DE", delivery_area: "50HZ", dispatch_mode: { name: "OPTIMISED" } },
    });
    const siteId = site.data?.id ?? "";
    await client.POST("/api/v1/sites/{site_id}/inverters", {
      params: { path: { site_id: siteId } },
      body: { rated_power: { value: 4200, unit: "kW" }, charge_efficiency: "0.97", discharge_efficiency: 0.97, asset_ids: [assetId] },
    });
    const plain = await client.GET("/api/v1/sites", { params: { query: { asset_id: assetId } } });
    check(plain.data?.sites[0]?.id === siteId && plain.data.sites[0].inverters === undefined, `sites ${JSON.stringify(plain.data)}`);
    const expanded = await client.GET("/api/v1/sites", { params: { query: { asset_id: assetId, expand: "inverters" } } });
    const inverters: Schemas["Inverter"][] = expanded.data?.sites[0]?.inverters ?? [];
    check(inverters[0]?.id === `${siteId}_INV_1`, `inverters ${JSON.stringify(inverters)}`);
  });

  await step("GET headroom: the tighter limit source bounds the discharge side", async () => {
    const { data } = await client.GET("/api/v1/headroom", {
      params: { query: { asset_ids: [assetId], from: "2026-04-01T10:00:00Z", to: "2026-04-01T10:30:00Z" } },
    });
    const item: Schemas["HeadroomItem"] | undefined = data?.headroom[0];
    // least of 3 (REPORTED) and 2 (OPERATIONS), below the spec's 9.5 MW and the inverter's 4.2 MW
    check(data?.headroom.length === 2 && item?.discharge.headroom === 2, `headroom ${JSON.stringify(data)}`);
    check(item.discharge.limited_by.join(" ") === "limits:OPERATIONS", `limited_by ${JSON.stringify(item.discharge)}`);
  });

  await step("PATCH with an explicit null clears go_live_date", async () => {
    const path = { params: { path: { asset_id: assetId } } };
    await client.PATCH("/api/v1/assets/{asset_id}", { ...path, body: { go_live_date: "2026-05-01" } });
    const { data } = await client.PATCH("/api/v1/assets/{asset_id}", { ...path, body: { go_live_date: null } });
    check(data !== undefined && data.go_live_date === null, `go_live_date ${data?.go_live_date}`);
  });

  await step("404, 409 and 422 come back as typed error bodies", async () => {
    const missing = await client.GET("/api/v1/assets/{asset_id}", { params: { path: { asset_id: "DE_50HZ_NOSUCH_1" } } });
    check(missing.response.status === 404 && missing.error?.detail === "Asset DE_50HZ_NOSUCH_1 not found", "404");
    const again = await client.POST("/api/v1/assets/{asset_id}/actions/commission", { params: { path: { asset_id: assetId } }, body: {} });
    const conflict = again.error?.detail;  // a union: this operation documents 409 (a sentence) and 422 (a list)
    check(again.response.status === 409 && typeof conflict === "string" && conflict.startsWith(`Cannot commission asset ${assetId}`), "409");
    const invalid = await client.POST("/api/v1/assets", {
      body: { code: "lower", name: "x", type: "BESS", region: "PL", delivery_area: "50HZ", provider: "EBX" },
    });
    const problems: Schemas["ValidationError"][] = invalid.response.status === 422 && invalid.error && typeof invalid.error.detail !== "string"
      ? invalid.error.detail : [];
    check(problems.some(p => p.loc.join(".") === "body.code"), `422 ${JSON.stringify(invalid.error)}`);
  });
}

main().then(
  () => console.log(`typescript client smoke: PASS (${steps} steps against ${baseUrl})`),
  (error: unknown) => {
    console.log(`  FAIL ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });

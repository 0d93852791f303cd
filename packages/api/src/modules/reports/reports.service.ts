// Wires the reports for `ctx.services.reports`: who may see what is checked on the primary (a role just
// changed counts at once); the figures are read from the read replica when one is configured and close
// enough (`infra/read-replica.ts`), else from the primary.
import type { Database, Kysely } from "@pizza/db";
import { regionOfCaller } from "../auth/region-access.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { costReport } from "./cost-report.ts";
import { deliveryTimesReport } from "./delivery-times-report.ts";
import { driverUtilisationReport } from "./driver-utilisation-report.ts";
import { kitchenTimesReport } from "./kitchen-times-report.ts";
import { ratingsReport } from "./ratings-report.ts";
import { mayViewReports, type ReportScope, resolveReportScope } from "./report-scope.ts";
import type { ReportFilter } from "./reports.schemas.ts";
import { salesReport } from "./sales-report.ts";

type Caller = Pick<AuthUser, "id" | "role" | "storeId">;

export class ReportsService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly readDb: Kysely<Database>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private async run<T>(user: Caller, filter: ReportFilter, report: (scope: ReportScope) => Promise<T>) {
    return report(await resolveReportScope(this.db, user, filter));
  }

  /** Whether the console shows the Reports tab: head office and store managers (crew: no). */
  async access(user: Caller): Promise<{ canView: boolean; chain: boolean; regionCode: string | null }> {
    const [canView, regionCode] = await Promise.all([
      mayViewReports(this.db, user),
      regionOfCaller(this.db, user),
    ]);
    return { canView, chain: user.role === "admin", regionCode };
  }
  sales(user: Caller, filter: ReportFilter) {
    return this.run(user, filter, (s) => salesReport(this.readDb, s));
  }
  deliveryTimes(user: Caller, filter: ReportFilter) {
    return this.run(user, filter, (s) => deliveryTimesReport(this.readDb, s));
  }
  kitchenTimes(user: Caller, filter: ReportFilter) {
    return this.run(user, filter, (s) => kitchenTimesReport(this.readDb, s));
  }
  drivers(user: Caller, filter: ReportFilter) {
    return this.run(user, filter, (s) => driverUtilisationReport(this.readDb, s, this.now()));
  }
  costs(user: Caller, filter: ReportFilter) {
    return this.run(user, filter, (s) => costReport(this.readDb, s));
  }
  ratings(user: Caller, filter: ReportFilter) {
    return this.run(user, filter, (s) => ratingsReport(this.readDb, s));
  }
}

// Atlassian Statuspage's public API read by the statuspage.io client from
// npm, as a widget or monitor written against Statuspage reads it, but
// pointed at Firebreak's page (internal/httpapi/statuspage_clients_test.go).
//
// node statuspage.mjs <base URL>
// Prints one JSON object with every document the client can fetch.
import { Statuspage } from 'statuspage.io';

const page = new Statuspage('firebreak');
page.apiClient.defaults.baseURL = process.argv[2]; // the client's own default is https://<pageId>.statuspage.io
const out = {
  summary: await page.api.getSummary(),
  status: await page.api.getStatus(),
  components: await page.api.getComponents(),
  incidents: await page.api.incidents.getAll(),
  unresolved: await page.api.incidents.getUnresolved(),
  maintenances: await page.api.scheduledMaintenances.getAll(),
  upcoming: await page.api.scheduledMaintenances.getUpcoming(),
  active: await page.api.scheduledMaintenances.getActive(),
};
process.stdout.write(JSON.stringify(out) + '\n');

import { requireFlexibleServerTls } from "../../../policies/azure/requireFlexibleServerTls";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/azure/requireFlexibleServerTls",
  requireFlexibleServerTls,
  { type: "azure-native:dbforpostgresql:Configuration", name: "tls", props: { resourceGroupName: "rg", serverName: "pg", configurationName: "ssl_min_protocol_version", value: "TLSv1.3", source: "user-override" } },
  [
    { it: "reports require_secure_transport turned off", props: (b) => ({ ...b, configurationName: "require_secure_transport", value: "off" }), violations: ['PostgreSQL server parameter \'tls\' should keep requiring TLS: require_secure_transport is "off"; set it to "ON" (the default) or remove this configuration.'] },
    { it: "reports TLS 1.0 admitted", props: (b) => ({ ...b, value: "TLSv1" }), violations: ['PostgreSQL server parameter \'tls\' should admit TLS 1.2 or later only: ssl_min_protocol_version is "tlsv1"; set it to "TLSv1.2" or later.'] },
    { it: "reports a MySQL tls_version list including TLS 1.1", type: "azure-native:dbformysql:Configuration", props: (b) => ({ ...b, configurationName: "tls_version", value: "TLSv1.1,TLSv1.2" }), violations: ['MySQL server parameter \'tls\' should admit TLS 1.2 or later only: tls_version is "tlsv1.1,tlsv1.2"; set it to "TLSv1.2" or later.'] },
    { it: "ignores unrelated parameters", props: (b) => ({ ...b, configurationName: "work_mem", value: "off" }) },
  ],
);

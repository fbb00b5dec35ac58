import { requireAppGatewayHttpsTls12 } from "../../../policies/azure/requireAppGatewayHttpsTls12";
import { ruleCases } from "../ruleCases";

const GW = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/applicationGateways/gw";
const listeners = [
  { name: "https", protocol: "Https", sslCertificate: { id: `${GW}/sslCertificates/site` } },
  { name: "http", protocol: "Http" },
];
const rules = [
  { name: "site", priority: 10, ruleType: "Basic", httpListener: { id: `${GW}/httpListeners/https` }, backendAddressPool: { id: `${GW}/backendAddressPools/app` } },
  { name: "to-https", priority: 20, ruleType: "Basic", httpListener: { id: `${GW}/httpListeners/http` }, redirectConfiguration: { id: `${GW}/redirectConfigurations/https` } },
];
const FIX_TLS = 'use policyType "Predefined" with policyName "AppGwSslPolicy20220101S", or minProtocolVersion "TLSv1_2".';

ruleCases(
  "policies/azure/requireAppGatewayHttpsTls12",
  requireAppGatewayHttpsTls12,
  {
    type: "azure-native:network:ApplicationGateway",
    name: "gw",
    props: { resourceGroupName: "rg", httpListeners: listeners, requestRoutingRules: rules, sslPolicy: { policyType: "Predefined", policyName: "AppGwSslPolicy20220101S" } },
  },
  [
    {
      it: "reports an HTTP listener whose rule forwards instead of redirecting",
      props: (b) => ({ ...b, requestRoutingRules: [rules[0], { ...rules[1], redirectConfiguration: undefined, backendAddressPool: { id: `${GW}/backendAddressPools/app` } }] }),
      violations: ['Application gateway \'gw\' should not serve plain HTTP: httpListeners[1] (\'http\') uses protocol "Http" without a redirect; use "Https" with a certificate, or route it through a redirectConfiguration to an HTTPS listener.'],
    },
    {
      it: "reports the 2015 predefined policy, which accepts TLS 1.0",
      props: (b) => ({ ...b, sslPolicy: { policyType: "Predefined", policyName: "AppGwSslPolicy20150501" } }),
      violations: [`Application gateway 'gw' should accept only TLS 1.2 or later: sslPolicy has policyName "AppGwSslPolicy20150501"; ${FIX_TLS}`],
    },
    {
      it: "reports a custom policy with a TLS 1.1 minimum in an SSL profile",
      props: (b) => ({ ...b, sslProfiles: [{ name: "legacy", sslPolicy: { policyType: "Custom", minProtocolVersion: "TLSv1_1", cipherSuites: ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"] } }] }),
      violations: [`Application gateway 'gw' should accept only TLS 1.2 or later: sslProfiles[0].sslPolicy has minProtocolVersion "TLSv1_1"; ${FIX_TLS}`],
    },
    { it: "passes a gateway with no sslPolicy, which gets the TLS 1.2 default", props: (b) => ({ ...b, sslPolicy: undefined }) },
  ],
);

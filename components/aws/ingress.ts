// AWS ingress of one region: an internet-facing Application Load Balancer in the public subnets,
// open on 443 (HTTPS, TLS 1.2 or newer, an ACM certificate per public name validated through the
// front door's Route 53 zone) and 80 (answered only with a redirect to HTTPS); one target group per
// service on its port, health-checked there, with the service's Auto Scaling groups attached.

import * as pulumi from "@pulumi/pulumi";
import { Certificate, CertificateValidation } from "@pulumi/aws/acm";
import { Attachment } from "@pulumi/aws/autoscaling";
import { SecurityGroup } from "@pulumi/aws/ec2";
import { Listener, ListenerCertificate, ListenerRule, LoadBalancer, TargetGroup } from "@pulumi/aws/lb";
import { Record as DnsRecord } from "@pulumi/aws/route53";
import { SecurityGroupEgressRule, SecurityGroupIngressRule } from "@pulumi/aws/vpc";
import type { IngressContext, IngressEndpoint } from "../ingress";
import { awsTags } from "../tags";

/** TLS policy of the HTTPS listener: TLS 1.3 and 1.2 only (Elastic Load Balancing, "Security policies"). */
export const AWS_TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/** Creates the Application Load Balancer of one region; returns its DNS name and hosted zone. */
export function awsIngress(ctx: IngressContext): IngressEndpoint {
  const { name, network, backends, healthCheckPath, tags, opts } = ctx;
  const zoneId = ctx.zoneId!;
  const dnsProvider = ctx.dnsProvider!;
  const t = awsTags(tags);
  const sg = new SecurityGroup(
    `${name}-alb-sg`,
    {
      vpcId: network.networkId,
      description: "cloudfit public balancer: HTTPS and the HTTP redirect from the internet",
      tags: { ...t, Name: `${name}-alb-sg` },
    },
    opts,
  );
  for (const port of [443, 80])
    new SecurityGroupIngressRule(
      `${name}-alb-in-${port}`,
      {
        securityGroupId: sg.id,
        ipProtocol: "tcp",
        fromPort: port,
        toPort: port,
        cidrIpv4: "0.0.0.0/0",
        description: port === 443 ? "HTTPS listener" : "HTTP listener (redirects to HTTPS)",
        tags: t,
      },
      opts,
    );
  for (const port of [...new Set(backends.map((b) => b.port))])
    new SecurityGroupEgressRule(
      `${name}-alb-out-${port}`,
      {
        securityGroupId: sg.id,
        ipProtocol: "tcp",
        fromPort: port,
        toPort: port,
        cidrIpv4: network.cidr,
        description: `To the services on port ${port}`,
        tags: t,
      },
      opts,
    );
  const alb = new LoadBalancer(
    `${name}-alb`,
    {
      loadBalancerType: "application",
      internal: false,
      subnets: network.resources.publicSubnetIds,
      securityGroups: [sg.id],
      dropInvalidHeaderFields: true,
      tags: t,
    },
    opts,
  );
  const certs = backends.map((b) => {
    const cert = new Certificate(
      `${name}-cert-${b.service}`,
      { domainName: b.hostName, validationMethod: "DNS", tags: t },
      opts,
    );
    const option = cert.domainValidationOptions[0];
    // The same name validates the certificate of every region, hence allowOverwrite.
    const record = new DnsRecord(
      `${name}-cert-${b.service}-validation`,
      {
        zoneId,
        name: option.resourceRecordName,
        type: option.resourceRecordType,
        records: [option.resourceRecordValue],
        ttl: 300,
        allowOverwrite: true,
      },
      { parent: opts.parent, provider: dnsProvider },
    );
    return new CertificateValidation(
      `${name}-cert-${b.service}-validated`,
      { certificateArn: cert.arn, validationRecordFqdns: [record.fqdn] },
      opts,
    );
  });
  const https = new Listener(
    `${name}-https`,
    {
      loadBalancerArn: alb.arn,
      port: 443,
      protocol: "HTTPS",
      sslPolicy: AWS_TLS_POLICY,
      certificateArn: certs[0].certificateArn,
      defaultActions: [
        {
          type: "fixed-response",
          fixedResponse: { contentType: "text/plain", statusCode: "404", messageBody: "Not found" },
        },
      ],
      tags: t,
    },
    opts,
  );
  new Listener(
    `${name}-http`,
    {
      loadBalancerArn: alb.arn,
      port: 80,
      protocol: "HTTP",
      defaultActions: [
        { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
      ],
      tags: t,
    },
    opts,
  );
  backends.forEach((b, i) => {
    if (i > 0)
      new ListenerCertificate(
        `${name}-https-cert-${b.service}`,
        { listenerArn: https.arn, certificateArn: certs[i].certificateArn },
        opts,
      );
    const tg = new TargetGroup(
      `${name}-tg-${b.service}`,
      {
        vpcId: network.networkId,
        targetType: "instance",
        port: b.port,
        protocol: "HTTP",
        deregistrationDelay: 30,
        healthCheck: {
          enabled: true,
          protocol: "HTTP",
          port: "traffic-port",
          path: healthCheckPath,
          interval: 10,
          timeout: 5,
          healthyThreshold: 2,
          unhealthyThreshold: 3,
          matcher: "200-399",
        },
        tags: t,
      },
      opts,
    );
    (b.targets ?? []).forEach(
      (asg, j) =>
        new Attachment(
          `${name}-tg-${b.service}-${j}`,
          { autoscalingGroupName: asg, lbTargetGroupArn: tg.arn },
          opts,
        ),
    );
    new ListenerRule(
      `${name}-rule-${b.service}`,
      {
        listenerArn: https.arn,
        priority: i + 1,
        conditions: [{ hostHeader: { values: [b.hostName] } }],
        actions: [{ type: "forward", targetGroupArn: tg.arn }],
        tags: t,
      },
      opts,
    );
  });
  return { kind: "alias", dnsName: alb.dnsName, zoneId: alb.zoneId };
}

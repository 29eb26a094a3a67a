#!/usr/bin/env python3
"""Reads the deployment files as YAML (no Docker engine runs in CI) and checks what the runbook
promises of them: compose services, replicas, resource limits, health checks, nginx mounts.
Exit code 1 with one line per problem."""
import pathlib
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
problems = []


def load(path):
    try:
        with open(ROOT / path) as f:
            return yaml.safe_load(f)
    except (OSError, yaml.YAMLError) as error:
        problems.append(f"{path}: {error}")
        return {}


def expect(condition, message):
    if not condition:
        problems.append(message)


local = load("docker-compose.yml")
services = local.get("services", {})
expect(set(services) >= {"postgres", "redis", "firebase-auth", "app"}, "docker-compose.yml: services missing")
expect(services.get("postgres", {}).get("image", "").startswith("postgres:16"), "docker-compose.yml: PostgreSQL 16")
expect(services.get("redis", {}).get("image", "").startswith("redis:7"), "docker-compose.yml: Redis 7")

for name in ("prod", "staging"):
    path = f"ops/compose/docker-compose.{name}.yml"
    compose = load(path)
    services = compose.get("services", {})
    web = services.get("web", {})
    deploy = web.get("deploy", {})
    expect(deploy.get("replicas") == 3, f"{path}: web needs 3 replicas")
    limits = deploy.get("resources", {}).get("limits", {})
    expect(limits.get("cpus") == "2.0" and limits.get("memory") == "4G", f"{path}: web limits 2.0 CPUs / 4G")
    expect(deploy.get("resources", {}).get("reservations", {}).get("memory") == "2G", f"{path}: web reserves 2G")
    expect("/api/readyz/" in " ".join(web.get("healthcheck", {}).get("test", [])), f"{path}: web health check")
    db = services.get("db", {})
    expect(db.get("image", "").startswith("postgres:16"), f"{path}: db is PostgreSQL 16")
    db_resources = db.get("deploy", {}).get("resources", {})
    expect(db_resources.get("limits", {}).get("memory") == "8G", f"{path}: db limit 8G")
    expect(db_resources.get("reservations", {}).get("memory") == "4G", f"{path}: db reserves 4G")
    nginx = services.get("nginx", {})
    expect({"80:80", "443:443"} <= set(nginx.get("ports", [])), f"{path}: nginx publishes 80 and 443")
    mounts = " ".join(nginx.get("volumes", []))
    expect("../nginx/nginx.conf:/etc/nginx/nginx.conf" in mounts, f"{path}: nginx.conf mounted")
    expect("pgbouncer" in services and services["pgbouncer"].get("profiles") == ["pgbouncer"],
           f"{path}: optional PgBouncer profile")
    environment = web.get("environment", {})
    for variable in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS", "FIREBASE_PROJECT_ID"):
        expect(variable in environment, f"{path}: web lacks {variable}")
    for referenced in (nginx.get("volumes", [])):
        source = referenced.split(":")[0]
        if source.startswith(".."):
            expect((ROOT / "ops/compose" / source).resolve().exists(), f"{path}: {source} does not exist")

alerts = load("ops/prometheus/alerts.yml")
names = {rule.get("alert") for group in alerts.get("groups", []) for rule in group.get("rules", [])}
for alert in ("LmsInstanceDown", "LmsDatabaseUnreachable", "LmsHigh5xxRate", "LmsHighAuthFailureRate",
              "LmsHighUploadFailureRate", "LmsApiSlow", "LmsLibrarySlow", "LmsDashboardSlow", "LmsHighCpu",
              "LmsHighMemory", "LmsDiskWarning", "LmsDiskCritical", "LmsDatabaseConnectionsHigh",
              "LmsProcessorLagging", "LmsDeadLetters"):
    expect(alert in names, f"ops/prometheus/alerts.yml: {alert} missing")

for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)

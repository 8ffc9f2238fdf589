# deploy/devcloud/lib/region-two.sh - start.sh --regions 2: a second region, RegionTwo.
# shellcheck shell=bash
# Sourced by start.sh after the storage services. RegionTwo has its own Swift proxy (port 8090) and
# Glance API (port 9392), as processes of their own with their own logs (swift-proxy-r2.log,
# glance-api-r2.log, glance-r2-app.log), over the same storage as RegionOne (the same rings and
# object servers, the same image database and stores): a certification of RegionTwo talks only to
# these endpoints, which their logs show. Keystone is global: its endpoint is listed in both regions.
REGION_TWO=RegionTwo
R2_SWIFT_PORT=8090
R2_GLANCE_PORT=9392

region_two_services() {
  sed -e "s/^bind_port = 8080$/bind_port = $R2_SWIFT_PORT/" "$SW/proxy-server.conf" \
    | write_file "$SW/proxy-server-r2.conf" swift-proxy-r2
  swift_server swift-proxy-r2 "$SW/proxy-server-r2.conf" proxy-server "$R2_SWIFT_PORT"
  sed -e "s/^bind_port = 9292$/bind_port = $R2_GLANCE_PORT/" -e "s#glance-app.log#glance-r2-app.log#" "$GCONF" \
    | write_file "$G/glance-api-r2.conf" glance-api-r2
  start_service glance-api-r2 "$R2_GLANCE_PORT" $PY -c "$(glance_cmd api)" --config-file "$G/glance-api-r2.conf"
}

# region_two_off: stop RegionTwo's services (start.sh --regions 1; devcloud.py drops its endpoints)
region_two_off() {
  local name pid
  for name in swift-proxy-r2 glance-api-r2; do
    pid_alive "$name" || continue
    read -r pid _ < "$RUN/$name.pid"; kill -TERM -- "-$pid" 2>/dev/null || true
    for _ in $(seq 40); do pid_alive "$name" || break; sleep 0.25; done
    rm -f "$RUN/$name.pid"
    log "$name: stopped (--regions 1)"
  done
}

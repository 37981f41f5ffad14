#!/bin/sh
# test_ca_sema_xml.sh — parse of Canada's real SEMA list of 2020-04-15:
# 1369 records with derived ids; broken files rejected.
. tests/integration/lists_b.sh
lb_count tests/data/ca_sema/sema-lmes__2020-04-15__b96b3d1.xml 1369
lb_has '"id":"MM/1/1","type":"entity","name":"Air Bagan".*"countries":\["MM"\]'
lb_has '"id":"JVCFOR/1/1","type":"individual","name":"Nicolás MADURO MOROS"'
lb_bad tests/data/hostile-b/ca_truncated.xml
lb_bad tests/data/hostile-b/ca_bad_utf8.xml
lb_bad tests/data/hostile-b/xhtml.xml ca-sema-xml
lb_bad tests/data/hostile-b/empty.xml ca-sema-xml
exit $lb_fail

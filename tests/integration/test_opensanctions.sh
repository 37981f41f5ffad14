#!/bin/sh
# test_opensanctions.sh — parse of real FtM JSON lines (yente fixture, zavod
# export); a delta file and broken files are rejected.
. tests/integration/lists_b.sh
d=tests/data/opensanctions
lb_count $d/yente_t1_entities.ftm.json 6
lb_has '"id":"NK-2GdmHtZTeNXjNVrBGEXZNj","type":"entity"'
lb_count $d/entities.ftm__2024-03-10__dbd8368.json 9
lb_count $d/targets.nested__2024-03-10__dbd8368.json 5
lb_has '"id":"Q296771","type":"individual","name":"Saad Hariri"'
lb_bad $d/20240528134729-3iv__entities.delta.json
lb_bad tests/data/hostile-b/os_truncated.json
lb_bad tests/data/hostile-b/xhtml.xml opensanctions
# OFAC's CSV is still OFAC's, not claimed by these watchers.
printf '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Havana, Cuba."\r\n' >"$lb_tmp/sdn.csv"
lb_count "$lb_tmp/sdn.csv" 1
lb_has '"source":"ofac-sdn"'
exit $lb_fail

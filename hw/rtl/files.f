xb_pkg.sv
xb_ram.sv
xb_engine.sv
xb_card.sv

// xb_ram: simple dual-port memory, one write port and one read port with a registered read
// (data appears the cycle after the address), the form synthesis maps to block RAM or URAM.
// A read and a write of the same address in the same cycle returns the old data.
// No reset: contents are cleared by the engine's initialisation walk.
`default_nettype none

module xb_ram #(
  parameter int Width = 64,  // bits per word
  parameter int Depth = 1024 // words
) (
  input  logic                     clk_i,
  input  logic                     we_i,
  input  logic [$clog2(Depth)-1:0] waddr_i,
  input  logic [Width-1:0]         wdata_i,
  input  logic [$clog2(Depth)-1:0] raddr_i,
  output logic [Width-1:0]         rdata_o
);
  logic [Width-1:0] mem_q [Depth];

  always_ff @(posedge clk_i) begin
    if (we_i) begin
      mem_q[waddr_i] <= wdata_i;
    end
    rdata_o <= mem_q[raddr_i];
  end
endmodule

`default_nettype wire

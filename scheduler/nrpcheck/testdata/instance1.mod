/* Instance1 of the Curtois & Qu benchmark as a GNU MathProg model, written from docs/nrp.md
   independently of the checker, to find a roster with the published optimum (607):
       glpsol --math instance1.mod      (glpk-utils; about a second)
   prints the roster stored in instance1-607.roster. One shift type (D, 480 minutes), so
   x[m,d] = 1 when member m works day d; the minutes bounds are shift counts (3360/480 = 7,
   4320/480 = 9); runs shorter than 2 (worked or off) are forbidden only strictly inside the
   horizon; a weekend is worked if day 7k+5 or 7k+6 is. */
param H;
set M;
param maxn{M}; param minn{M};
param dayoff{M, 0..H-1} default 0;
param onw{M, 0..H-1} default 0; param offw{M, 0..H-1} default 0;
param req{0..H-1}; param uw{0..H-1}; param ow{0..H-1};
var x{M,0..H-1} binary; var u{0..H-1} >= 0; var o{0..H-1} >= 0; var w{M,0..H/7-1} binary;
minimize obj: sum{m in M, d in 0..H-1} (onw[m,d]*(1-x[m,d]) + offw[m,d]*x[m,d]) + sum{d in 0..H-1}(uw[d]*u[d]+ow[d]*o[d]);
s.t. doff{m in M, d in 0..H-1: dayoff[m,d]=1}: x[m,d]=0;
s.t. tmin{m in M}: sum{d in 0..H-1} x[m,d] >= minn[m];
s.t. tmax{m in M}: sum{d in 0..H-1} x[m,d] <= maxn[m];
s.t. maxc{m in M, d in 0..H-6}: sum{k in d..d+5} x[m,k] <= 5;
s.t. minc{m in M, d in 1..H-2}: x[m,d] - x[m,d-1] - x[m,d+1] <= 0;
s.t. mino{m in M, d in 1..H-2}: x[m,d-1] + x[m,d+1] - x[m,d] <= 1;
s.t. wk1{m in M, k in 0..H/7-1}: w[m,k] >= x[m,7*k+5];
s.t. wk2{m in M, k in 0..H/7-1}: w[m,k] >= x[m,7*k+6];
s.t. wkm{m in M}: sum{k in 0..H/7-1} w[m,k] <= 1;
s.t. cu{d in 0..H-1}: u[d] >= req[d] - sum{m in M} x[m,d];
s.t. co{d in 0..H-1}: o[d] >= sum{m in M} x[m,d] - req[d];
solve;
for {m in M} { printf "%s", m; for {d in 0..H-1} printf " %s", if x[m,d] > 0.5 then "D" else "-"; printf "\n"; }
data;
param H := 14;
set M := A B C D E F G H;
param maxn := A 9 B 9 C 9 D 9 E 9 F 9 G 9 H 9;
param minn := A 7 B 7 C 7 D 7 E 7 F 7 G 7 H 7;
param dayoff := [A,0] 1 [B,5] 1 [C,8] 1 [D,2] 1 [E,9] 1 [F,5] 1 [G,1] 1 [H,7] 1;
param onw := [A,2] 2 [A,3] 2 [B,0] 3 [B,1] 3 [B,2] 3 [B,3] 3 [B,4] 3 [C,0] 1 [C,1] 1 [C,2] 1 [C,3] 1 [C,4] 1 [D,8] 2 [D,9] 2 [F,0] 2 [F,1] 2 [H,9] 1 [H,10] 1 [H,11] 1 [H,12] 1 [H,13] 1;
param offw := [C,12] 1 [C,13] 1 [F,8] 3 [H,2] 3 [H,3] 3;
param req := 0 5 1 7 2 6 3 4 4 5 5 5 6 5 7 6 8 7 9 4 10 2 11 5 12 6 13 4;
param uw := 0 100 1 100 2 100 3 100 4 100 5 100 6 100 7 100 8 100 9 100 10 100 11 100 12 100 13 100;
param ow := 0 1 1 1 2 1 3 1 4 1 5 1 6 1 7 1 8 1 9 1 10 1 11 1 12 1 13 1;
end;

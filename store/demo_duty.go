package store

import (
	"encoding/json"
	"time"

	"catruc/scheduler"
)

// duty writes the demo's duty desk: what the phones and the duty log show.
// Yesterday's headquarters guard checked in at 06:52 (from the phone) and has
// not checked out yet — his phone offers the check-out with the handover. The
// police squad's shifts so far were checked in by the post's QR sheet and out
// with a handover the next officer acknowledged (the squad keeps the duty desk
// too, though it raises no no-shows). Today's reception shift is checked in
// when it has opened. No-shows count from today: today's headquarters shift
// (07:00) raises one at 07:15 unless its guard checks in. Only what lies
// before now is recorded.
func (d *demo) duty() error {
	since := d.today
	ds := scheduler.DefaultDutySettings()
	ds.NoShowSince = &since
	if err := d.s.putSetting(d.ctx, d.tx, dutyKey, nil, ds); err != nil {
		return err
	}
	hq, rec, pol := d.hq.ID, d.reception.ID, d.police.ID
	from, to := d.at(-1, 0), d.at(1, 0)
	shifts, err := d.s.findShifts(d.ctx, d.tx, scheduler.ShiftFilter{From: &from, To: &to, Status: scheduler.ShiftScheduled})
	if err != nil {
		return err
	}
	var prev *scheduler.Shift // the police post's previous shift, whose handover the next officer reads
	for _, sh := range shifts {
		switch {
		case sh.PostID == hq && sh.Start.Equal(d.at(-1, 7)):
			if err := d.checkIn(sh, sh.Start.Add(-8*time.Minute), scheduler.CheckInApp); err != nil {
				return err
			}
		case sh.PostID == pol:
			if err := d.policeShift(sh, &prev); err != nil {
				return err
			}
		case sh.PostID == rec && !d.now.Before(sh.Start.Add(-4*time.Minute)) && d.now.Before(sh.End):
			if err := d.checkIn(sh, sh.Start.Add(-4*time.Minute), scheduler.CheckInQR); err != nil {
				return err
			}
		}
	}
	return nil
}

// demoHandovers are what the police squad's officers hand over, in turn.
var demoHandovers = []struct {
	note  string
	items []scheduler.ChecklistItem
}{
	{"Ca trực bình thường. 21:40 tuần tra quanh trụ sở, không có gì bất thường.", []scheduler.ChecklistItem{
		{Item: "Chìa khóa", OK: true, Note: "đủ 12 chìa"}, {Item: "Trang thiết bị", OK: true, Note: "2 bộ đàm, 1 đèn pin"},
		{Item: "Khách còn trong cơ quan", OK: true, Note: "không còn ai"}, {Item: "Việc cần theo dõi", OK: true}}},
	{"Đã tiếp 14 lượt công dân đến cổng; 2 người được hướng dẫn sang Trụ sở Tiếp công dân. Cổng phụ đã khóa.", []scheduler.ChecklistItem{
		{Item: "Chìa khóa", OK: true, Note: "đủ 12 chìa"}, {Item: "Trang thiết bị", OK: false, Note: "bộ đàm số 2 hết pin, đang sạc"},
		{Item: "Khách còn trong cơ quan", OK: true, Note: "không còn ai"},
		{Item: "Việc cần theo dõi", OK: false, Note: "sáng mai có đoàn khoảng 20 người ở xã Bình Sơn đến khiếu nại đất đai"}}},
	{"Đoàn công tác của Sở Xây dựng họp phòng 302 đến 17:30 mới ra về. Xe biển 76A-123.45 gửi qua đêm trong sân.", []scheduler.ChecklistItem{
		{Item: "Chìa khóa", OK: true, Note: "đủ 12 chìa"}, {Item: "Trang thiết bị", OK: true},
		{Item: "Khách còn trong cơ quan", OK: true, Note: "không còn ai"}, {Item: "Việc cần theo dõi", OK: false, Note: "xe gửi qua đêm"}}},
}

// policeShift records a police squad shift that has begun: checked in by the
// post's sheet (one in three a few minutes late), and, when over, checked
// out with a handover that the next officer acknowledged.
func (d *demo) policeShift(sh *scheduler.Shift, prev **scheduler.Shift) error {
	if !sh.Start.Before(d.now) {
		return nil
	}
	in := sh.Start.Add(-5 * time.Minute)
	if sh.ID%3 == 0 {
		in = sh.Start.Add(4 * time.Minute)
	}
	if err := d.checkIn(sh, in, scheduler.CheckInQR); err != nil {
		return err
	}
	if p := *prev; p != nil && p.End.Add(3*time.Minute).Before(d.now) {
		if _, err := d.tx.ExecContext(d.ctx, `UPDATE handovers SET acknowledged_by = 'demo', acknowledged_guard_id = ?,
			acknowledged_at = ? WHERE shift_id = ?`, sh.GuardID, fmtTime(p.End.Add(3*time.Minute)), p.ID); err != nil {
			return err
		}
	}
	*prev = sh
	h := demoHandovers[int(sh.ID)%len(demoHandovers)]
	return d.checkOut(sh, sh.End.Add(2*time.Minute), h.note, h.items)
}

// checkIn records a past check-in of sh at at, if at is before now.
func (d *demo) checkIn(sh *scheduler.Shift, at time.Time, method string) error {
	if !at.Before(d.now) {
		return nil
	}
	_, err := d.tx.ExecContext(d.ctx, `INSERT INTO shift_checks (shift_id, guard_id, check_in_at, check_in_method, check_in_by,
		recorded_at) VALUES (?,?,?,?,?,?)`, sh.ID, sh.GuardID, fmtTime(at), method, "demo", fmtTime(at))
	return err
}

// checkOut records a past check-out of sh with its handover, if at is before now.
func (d *demo) checkOut(sh *scheduler.Shift, at time.Time, note string, items []scheduler.ChecklistItem) error {
	if !at.Before(d.now) {
		return nil
	}
	if _, err := d.tx.ExecContext(d.ctx, `UPDATE shift_checks SET check_out_at = ?, check_out_by = 'demo' WHERE shift_id = ?`,
		fmtTime(at), sh.ID); err != nil {
		return err
	}
	list, err := json.Marshal(items)
	if err != nil {
		return err
	}
	_, err = d.tx.ExecContext(d.ctx, `INSERT INTO handovers (shift_id, post_id, guard_id, note, checklist, written_at)
		VALUES (?,?,?,?,?,?)`, sh.ID, sh.PostID, sh.GuardID, note, string(list), fmtTime(at))
	return err
}

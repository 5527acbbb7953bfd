package store

import "catruc/scheduler"

// teams creates the office's three reserve teams with a few members each:
// the self-defence platoon (with the two headquarters guards), the
// fire-fighting team and the flood and storm team.
func (d *demo) teams() error {
	an, duc := d.hqGuards[0], d.hqGuards[1]
	for _, t := range []*scheduler.Team{
		{Name: "Trung đội tự vệ cơ quan", Kind: scheduler.TeamSelfDefence, Members: []scheduler.TeamMember{
			{Name: "Lê Quang Vinh (trung đội trưởng)", Phone: "0905 333 401", Email: "vinh.le@vpubnd.example.vn"},
			{Name: "Ngô Thị Hạnh", Phone: "0905 333 402"},
			{Name: "Đoàn Văn Sơn", Phone: "0905 333 403", Email: "son.doan@vpubnd.example.vn"},
			{Name: an.Name, Phone: an.Phone, Email: an.Email, GuardID: &an.ID},
			{Name: duc.Name, Phone: duc.Phone, Email: duc.Email, GuardID: &duc.ID}}},
		{Name: "Đội phòng cháy chữa cháy cơ sở (PCCC)", Kind: scheduler.TeamFire, Members: []scheduler.TeamMember{
			{Name: "Trần Văn Hòa (đội trưởng)", Phone: "0905 333 501", Email: "hoa.tran@vpubnd.example.vn"},
			{Name: "Phan Thị Mai", Phone: "0905 333 502", Email: "mai.phan@vpubnd.example.vn"},
			{Name: "Lý Văn Tùng", Phone: "0905 333 503"}}},
		{Name: "Đội phòng chống lụt bão", Kind: scheduler.TeamFlood, Members: []scheduler.TeamMember{
			{Name: "Huỳnh Văn Lộc (đội trưởng)", Phone: "0905 333 601", Email: "loc.huynh@vpubnd.example.vn"},
			{Name: "Võ Thị Thu", Phone: "0905 333 602", Email: "thu.vo@vpubnd.example.vn"},
			{Name: "Nguyễn Hữu Phước", Phone: "0905 333 603"}}},
	} {
		if err := d.s.createTeam(d.ctx, d.tx, t); err != nil {
			return err
		}
	}
	return nil
}

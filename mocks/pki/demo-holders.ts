/**
 * Demo residents of a fictional-ish town (窓口町 does not exist in 千代田区). Birth dates are in the
 * 1940s–1950s, the age group the set-top-box service is for; 佐藤 花子 has a 29 February birthday.
 */
import type { CardHolder } from './types';

export const DEMO_HOLDERS: CardHolder[] = [
  { name: '山田 太郎', address: '東京都千代田区窓口町一丁目2番3号', birthDate: '1947-05-14', sex: '1' },
  { name: '佐藤 花子', address: '東京都千代田区窓口町二丁目5番8号', birthDate: '1952-02-29', sex: '2' },
  { name: '鈴木 一郎', address: '東京都千代田区窓口町一丁目10番1号', birthDate: '1944-11-03', sex: '1' },
  { name: '高橋 幸子', address: '東京都千代田区窓口町三丁目4番15号', birthDate: '1949-08-21', sex: '2' },
  { name: '渡邉 ミツ', address: '東京都千代田区窓口町三丁目7番2号', birthDate: '1941-12-25', sex: '2' },
  { name: '伊藤 翔', address: '東京都千代田区窓口町二丁目1番9号', birthDate: '1955-01-07', sex: '3' },
];
